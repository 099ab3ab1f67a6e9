class Validated:
    def __set_name__(self, owner, name):
        self.private = "_" + name

    def __set__(self, obj, value):
        setattr(obj, self.private, int(value))
