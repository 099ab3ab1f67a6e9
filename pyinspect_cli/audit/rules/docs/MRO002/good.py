LOG = []


class Model:
    def save(self):
        return "saved"


class LoggingMixin:
    def save(self):
        LOG.append("saving")
        return super().save()


class Document(LoggingMixin, Model):  # the mixin first: it wraps Model.save
    pass
