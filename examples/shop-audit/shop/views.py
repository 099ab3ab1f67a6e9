class View:
    pass


class DetailView(View):
    pass


class OrderView(View, DetailView):
    pass
