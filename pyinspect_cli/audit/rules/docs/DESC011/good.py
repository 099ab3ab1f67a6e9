import functools


class Report:
    def __init__(self, rows):
        self.rows = rows

    @functools.cached_property
    def totals(self):
        return sum(self.rows)
