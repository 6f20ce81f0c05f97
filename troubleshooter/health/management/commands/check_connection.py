import json
import os

from django.core.management.base import BaseCommand, CommandError

from troubleshooter.health.probe import ProbeTarget, probe


class Command(BaseCommand):
    help = (
        "Check a connection to the OpenAI API (or a compatible one) stage by stage. The key is read from "
        "an environment variable and never printed. Exit status 1 when the connection is not healthy."
    )

    def add_arguments(self, parser):
        parser.add_argument("--base-url", required=True)
        parser.add_argument("--key-env", required=True, help="Name of the environment variable holding the key.")
        parser.add_argument("--model", default="gpt-4o-mini")
        parser.add_argument("--timeout", type=float, default=20.0)
        parser.add_argument("--json", action="store_true", dest="as_json")

    def handle(self, *args, base_url, key_env, model, timeout, as_json, **options):
        key = os.environ.get(key_env, "").strip()
        if not key:
            raise CommandError(f"The environment variable {key_env} is empty or not set.")
        result = probe(ProbeTarget(base_url=base_url, api_key=key, model=model, timeout=timeout))
        if as_json:
            self.stdout.write(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
        else:
            for stage in result.stages:
                mark = "ok  " if stage.ok else "FAIL"
                self.stdout.write(f"{mark} {stage.name:<10} {stage.latency_ms:>6} ms  {stage.detail}")
            self.stdout.write(f"{result.outcome}: {result.condition or '-'}")
        if result.outcome != "healthy":
            raise SystemExit(1)
