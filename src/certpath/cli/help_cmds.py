"""The help command: the reference documents that ship inside the package."""

from typing import Annotated

import typer

from certpath.cli.app import app
from certpath.errors import InputError

# topic -> (file under docs/, what it covers)
TOPICS = {
    "catalog": ("catalog-format.md", "the catalog format: every file, field and check"),
    "json": ("json.md", "the JSON documents of --json: every key, and their schemas"),
    "plans": ("plans.md", "study plans, the profile, expiry and team plans"),
    "graph": ("graph.md", "the graph command's formats and layout"),
    "exit-codes": ("exit-codes.md", "what each exit code means"),
    "performance": ("performance.md", "start-up time, the cache, and large catalogs"),
}


def _complete_topic(incomplete: str) -> list[tuple[str, str]]:
    return [(t, about) for t, (_, about) in TOPICS.items() if t.startswith(incomplete)]


@app.command("help")
def help_(
    ctx: typer.Context,
    topic: Annotated[str | None, typer.Argument(
        metavar="[TOPIC]", help="catalog, json, plans, graph, exit-codes or performance.",
        autocompletion=_complete_topic, show_default=False)] = None,
) -> None:
    """Print a reference document that ships with certpath, or list them.

    Example: certpath help json
    """
    from certpath.cli.app import state
    from certpath.render.blocks import View
    from certpath.shipped import shipped_dir
    if topic is None:
        view = View()
        view.table(("Topic", "What it covers"), [(t, about) for t, (_, about) in TOPICS.items()],
                   styles=("bold", ""))
        view.para("Read one with: certpath help TOPIC")
        state(ctx).show(view)
        return
    if topic not in TOPICS:
        raise InputError(f"no help topic {topic!r}; topics: {', '.join(TOPICS)}")
    state(ctx).page((shipped_dir("docs") / TOPICS[topic][0]).read_text(encoding="utf-8"))
