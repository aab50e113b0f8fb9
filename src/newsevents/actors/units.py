"""Working units of the actors stage: one candidate actor per span, before coreference."""

from __future__ import annotations

from dataclasses import dataclass

from newsevents.actors.knowledge import is_country_code


@dataclass
class Unit:
    start: int  # token indices, end exclusive
    end: int
    kind: str  # country | capital | named | person | org | group | place | agent | pronoun | description
    code: str | None = None
    sector: str = ""  # agents: the role the phrase names ("REB", "GOVMIL", "" for bare titles)
    resolved_from: str | None = None
    key: str | None = None  # dictionary key, or lower-cased text
    name: str | None = None
    title: str | None = None  # persons: key of the title the text gives them ("secretary - general")
    head_lemma: str = ""
    plural: bool = False
    is_place: bool = False
    backer: str | None = None  # "Russian-backed": the country backing the group
    owner_token: int | None = None  # possessive pronoun owning an agent ("its armed forces")
    appos_of: Unit | None = None  # the person an apposition describes
    category: str | None = None  # pronouns / descriptions: PERSON, ORG, GROUP, IGO, COUNTRY
    entity: int | None = None
    dateline: bool = False

    @property
    def country(self) -> str | None:
        return self.code[:3] if self.code and is_country_code(self.code[:3]) else None


# Sectors of the state itself: an official of one of these is the state's government.
STATE_SECTORS = ("GOV", "MIL", "COP", "JUD", "LEG", "SPY")
# Groups outside the state whose fighters are the group itself.
NON_STATE = ("REB", "UAF", "INS")


def with_sector(owner_code: str | None, sector: str) -> str | None:
    """Owner code + role: Ukraine + MIL -> UKRMIL; an organisation keeps its own code for
    its officials (NATO's secretary-general is IGOWSTNAT) but not for its forces (UN troops
    are IGOUNOMIL), and a bare title adds nothing."""
    if not owner_code:
        return None
    country = owner_code[:3]
    if is_country_code(country):
        if not sector:
            return owner_code
        if owner_code[3:6] in NON_STATE and sector in ("MIL", "UAF", "REB", "INS"):
            return owner_code  # "ELN fighters", "Hamas gunmen": the group's own armed men are the group
        if owner_code[3:6] and owner_code[3:6] not in STATE_SECTORS and sector.startswith("GOV"):
            return owner_code  # "Taliban leaders", "a Hamas spokesman": the group's officials are the group, no government

        # "Moscow" already coded RUSGOV as an owner: its troops are RUSMIL, not RUSGOVMIL.
        return country + sector
    # UN troops are the UN's military arm (IGOUNOMIL); a UN official or secretary-general
    # is the UN itself
    return owner_code + sector if sector and not sector.startswith("GOV") else owner_code
