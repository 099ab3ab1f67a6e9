from sample_modules.reg_pkg.base import Command


class Farewell(Command, name="bye"):
    pass
