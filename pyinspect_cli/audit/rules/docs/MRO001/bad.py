class Widget:
    def __init__(self):
        self.ready = True  # no super().__init__()


class TrackingMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tracked = True


# TrackingMixin.__init__ never runs
class TrackedWidget(Widget, TrackingMixin):
    pass
