class AttrDict(dict):
    __getattr__ = dict.__getitem__


class Config:
    def __init__(self, data):
        self._data = data

    def __getattr__(self, name):
        return self._data[name]
