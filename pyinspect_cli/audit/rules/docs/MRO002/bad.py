LOG = []


class Model:
    def save(self):
        return "saved"


class LoggingMixin:
    def save(self):
        LOG.append("saving")
        return super().save()


class Document(Model, LoggingMixin):  # LoggingMixin.save never runs
    pass
