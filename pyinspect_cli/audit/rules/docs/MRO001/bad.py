class Widget:
    def __init__(self):
        self.ready = True  # no super().__init__()


class TrackingMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tracked = True


class TrackedWidget(Widget, TrackingMixin):  # TrackingMixin.__init__ never runs
    pass
