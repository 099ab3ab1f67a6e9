from sample_modules.reg_pkg.base import Command


class Greet(Command, name="greet"):
    pass
