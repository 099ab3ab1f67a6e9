class Meta(type):
    @property
    def registry_key(cls):
        return cls.__name__.lower()
