from django.contrib.auth.backends import BaseBackend


class VicidialBackend(BaseBackend):
    # TODO: the permissions backend replaces this placeholder.
    def authenticate(self, request, username=None, password=None):
        return None
