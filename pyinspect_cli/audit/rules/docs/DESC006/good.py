class Base:
    def __init__(self, size):
        self.size = size


class Fixed(Base):
    @property
    def size(self):
        return 10

    @size.setter
    def size(self, value):
        if value != 10:
            raise ValueError("Fixed has size 10")
