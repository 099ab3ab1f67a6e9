class Widget:
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.ready = True


class TrackingMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tracked = True


class TrackedWidget(Widget, TrackingMixin):  # both __init__ run
    pass
