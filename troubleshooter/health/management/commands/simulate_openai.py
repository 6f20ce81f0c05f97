from django.core.management.base import BaseCommand, CommandError

from troubleshooter.health.simulated_conditions import CONDITIONS, DEFAULT_HANG_SECONDS, SIMULATED_KEY_PREFIX
from troubleshooter.health.simulator import make_server


class Command(BaseCommand):
    help = (
        "Run a stand-in for the OpenAI API on loopback. The API key picks the answer: "
        f"{SIMULATED_KEY_PREFIX}<condition> answers as that condition would, any other key like a healthy API."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, required=True, help="Port to listen on (0 picks a free one).")
        parser.add_argument("--host", default="127.0.0.1", help="Loopback address to listen on.")
        parser.add_argument(
            "--hang-seconds",
            type=float,
            default=DEFAULT_HANG_SECONDS,
            help="How long the 'timeout' condition keeps a request waiting.",
        )
        parser.add_argument("--latency", type=float, default=0, metavar="MS", help="Delay every answer by MS ms.")

    def handle(self, *args, port, host, hang_seconds, latency, **options):
        try:
            server = make_server(host=host, port=port, hang_seconds=hang_seconds, latency_ms=latency)
        except (ValueError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Simulating the OpenAI API at {server.base_url}")
        self.stdout.write(f"Conditions: {', '.join(CONDITIONS)}")
        self.stdout.flush()
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
