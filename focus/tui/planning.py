"""The workday screen's plan editing: the block form (``a``, ``E``), a block's removal (``x``) and the
day template offered on an empty day. Each block is checked against the day's plan here (a FocusError
stays in the form), then written by the screen's worker, which checks it again against the database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from focus.core import plan
from focus.core.model import Block
from focus.core.plan import PlannedBlock
from focus.i18n import _
from focus.reports.local import clock_time
from focus.reports.safe import markup_text
from focus.tui.screens import BlockForm, ConfirmScreen

if TYPE_CHECKING:
    from focus.tui.workday import WorkdayScreen


class PlanEditing:
    """The plan of the day shown, changed from the screen."""

    def __init__(self, screen: WorkdayScreen):
        self.screen = screen

    def check(self, item: PlannedBlock, block: Block | None = None) -> None:
        """The block form's save: checked here, then written by the worker."""
        screen = self.screen
        assert screen.day_log is not None
        others = [b for b in screen.day_log.blocks if block is None or b.id != block.id]
        plan.check(item, block.id if block else "new", others, screen.config, screen.clock.tz)
        date = screen.date  # the day shown now: a step before the worker gets to it changes nothing
        if block is None:
            screen.write(lambda tracker: tracker.plan([item]))
        else:
            screen.write(lambda tracker: tracker.edit(date, block.id, item))

    def add(self) -> None:
        screen = self.screen
        categories, outcomes = list(screen.config.categories), screen.config.outcomes
        screen.app.push_screen(BlockForm(screen.date, categories, self.check, outcomes=outcomes))

    def edit(self, block: Block | None) -> None:
        screen = self.screen
        if block is None:
            screen.notify(_("No block to edit: press a to add one."), severity="warning")
            return
        categories, outcomes = list(screen.config.categories), screen.config.outcomes
        screen.app.push_screen(
            BlockForm(screen.date, categories, lambda item: self.check(item, block), block, outcomes)
        )

    def remove(self, block: Block | None) -> None:
        screen = self.screen
        if block is None:
            screen.notify(_("No block to remove."), severity="warning")
            return
        date = screen.date
        screen.write(
            lambda tracker: tracker.remove(date, block.id),
            lambda _result: screen.notify(
                _("Removed {start}–{end} {title} (u to undo).").format(
                    start=clock_time(block.start_text), end=clock_time(block.end_text), title=markup_text(block.title)
                )
            ),
        )

    def offer_template(self) -> None:
        """On an empty day, once it has been read: offer the day template."""
        screen = self.screen
        if screen.day_log is not None and not screen.day_log.blocks and screen.config.template:
            question = _("Nothing is planned today. Plan your day template ({n} blocks)?")
            screen.app.push_screen(ConfirmScreen(question.format(n=len(screen.config.template))), self.answered)

    def answered(self, yes: bool | None) -> None:
        if yes:
            screen, date = self.screen, self.screen.date
            screen.write(
                lambda tracker: tracker.template(date),
                lambda blocks: screen.notify(_("Planned {n} blocks from your template.").format(n=len(blocks))),
            )
