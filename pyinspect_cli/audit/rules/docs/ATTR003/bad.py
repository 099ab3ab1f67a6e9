class Handler:
    def __init__(self, func):
        self.__call__ = func
