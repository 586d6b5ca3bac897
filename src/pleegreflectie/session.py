"""One reflection from start to end: autosave after every answer, resume, finish.

No typer and no questionary here: the interview is passed in, the store is optional
(`start --geen-opslag`). Every answer reaches the store before the next question is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msgspec import Struct

from .flow import Sitting

if TYPE_CHECKING:
    from .store import ReflectionInfo, Store


class Autosave(Struct):
    """Called by the interview after every answer: saves the sitting at once."""

    store: Store | None
    framework_version: str
    catalogue_version: str | None = None
    reflection_id: int | None = None
    catalogue_path: str | None = None  # a custom catalogue (`--catalogus`), remembered per reflection

    def __call__(self, sitting: Sitting) -> None:
        if self.store is None:
            return
        if self.reflection_id is None:
            self.reflection_id = self.store.create(
                sitting,
                household=sitting.profile.get("huishouden"),
                framework_version=self.framework_version,
                catalogue_version=self.catalogue_version,
                catalogue_path=self.catalogue_path,
            )
        else:
            self.store.save(self.reflection_id, sitting)
        self.look_up_previous_route(sitting)

    def look_up_previous_route(self, sitting: Sitting) -> None:
        """Once the household is known, find its previous reflection: its route, its profile and
        the agreements still open (asked next)."""
        household = sitting.profile.get("huishouden")
        if self.store is None or sitting.previous_route is not None or not household:
            return
        previous = self.store.previous_for_household(household, before_id=self.reflection_id)
        route: list[str] = []
        profile: dict[str, Any] = {}
        agreements: list[dict[str, Any]] = []
        if previous is not None:
            info, earlier = self.store.load(previous)
            from .advice_file import load_advice

            the_worker = frozenset(load_advice().worker_entries)  # never asked about as done
            route = [entry for entry in info.route or [] if entry not in the_worker]
            profile = {k: v for k, v in earlier.profile.items() if k != "huishouden" and v is not None}
            worker = earlier.worker_part()
            made = list(worker.agreements) if worker else []
            # Open ones of the visit before were carried into `made` when its agreements were made
            # on the screen (kept, changed or dropped there); otherwise they stay on the list.
            listed = {" ".join(a.what.split()).casefold() for a in made}
            carried = earlier.origin == "scherm" and earlier.agreements_started
            still_open = [
                a
                for a in earlier.open_previous_agreements()
                if not carried and " ".join(a.what.split()).casefold() not in listed
            ]
            agreements = [
                a.model_dump(mode="json", by_alias=True, exclude_defaults=True, exclude={"status"})
                for a in [*still_open, *made]
            ]
        sitting.previous_route = route
        if sitting.ask_profile and sitting.origin == "scherm":
            sitting.previous_profile = profile
        if sitting.previous_agreements is None and (sitting.ask_profile or sitting.origin == "bestand"):
            sitting.set_previous_agreements(agreements)

    def finish(self, route_ids: list[str], sitting: Sitting) -> None:
        if self.store is None:
            return
        if self.reflection_id is None:  # nothing was asked (an answers file): save it whole
            self(sitting)
        assert self.reflection_id is not None
        self.store.set_route_done(self.reflection_id, sitting.route_done)
        self.store.finish(self.reflection_id, route_ids=route_ids)


def resume(store: Store, reflection_id: int) -> tuple[ReflectionInfo, Sitting, Autosave]:
    """A saved reflection, ready to continue at its first unanswered question."""
    info, sitting = store.load(reflection_id)
    autosave = Autosave(
        store, info.framework_version, info.catalogue_version, reflection_id, info.catalogue_path
    )
    autosave.look_up_previous_route(sitting)
    return info, sitting, autosave
