"""Build the demo call center and serve the search page on it."""
import socket

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from recordings.demo import build, people


class Command(BaseCommand):
    help = (
        "Create the app's and VICIdial's tables, fill VICIdial's with a made-up call center "
        "(agents, leads, calls, recordings with playable WAV files) and serve the search page."
    )

    def add_arguments(self, parser):
        parser.add_argument("--recordings", type=int, default=2500, help="number of recordings to create (default 2500)")
        parser.add_argument("--days", type=int, default=30, help="number of days, ending today, that the calls span (default 30)")
        parser.add_argument("--no-serve", action="store_true", help="build the data and exit without starting the web server")
        parser.add_argument("--port", type=int, default=8000, help="port of the web server on 127.0.0.1 (default 8000)")

    def handle(self, *args, **options):
        if options["recordings"] < 1 or options["days"] < 1:
            raise CommandError("--recordings and --days must be at least 1.")
        # Checked before the build, which would otherwise replace the audio files of a
        # demo that is already serving on that port.
        if not options["no_serve"] and port_in_use(options["port"]):
            raise CommandError(
                f"Port {options['port']} on 127.0.0.1 is already in use. "
                "Stop the other server or choose another port with --port (make demo PORT=...)."
            )

        call_command("migrate", database="default", interactive=False, verbosity=0)
        try:
            summary = build.build(recordings=options["recordings"], days=options["days"], progress=self.show_progress)
        except build.NotADemoDatabase as error:
            raise CommandError(str(error)) from None
        self.report(summary)

        if not options["no_serve"]:
            # WhiteNoise serves static files from STATIC_ROOT, which collectstatic fills.
            call_command("collectstatic", interactive=False, verbosity=0)
            call_command("runserver", f"127.0.0.1:{options['port']}", use_reloader=False)

    def show_progress(self, label, done, total):
        finished = done == total
        # A terminal shows one line that counts up; a log file gets only the totals.
        if self.stdout.isatty():
            self.stdout.write(f"\r  {label}: {done}/{total}", ending="\n" if finished else "")
            self.stdout.flush()
        elif finished:
            self.stdout.write(f"  {label}: {total}")

    def report(self, summary):
        self.stdout.write(
            f"Demo ready: {summary.agents} agents, {summary.leads} leads, {summary.calls} calls, "
            f"{summary.recordings} recordings ({summary.audio_files} audio files in {summary.audio_directory})."
        )
        self.stdout.write(self.style.SUCCESS(f"Log in as user {people.MANAGER_LOGIN}, password {people.MANAGER_PASSWORD}."))


def port_in_use(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0
