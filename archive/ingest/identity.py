"""Who is one person across the archive: the pure rules that say whether two names the
archive holds (as `speaker_key`s) are the same person, and the grouping of a whole
archive's speakers into people. No Django here: archive.services.speakers applies it.

Two full names are one person when their surnames agree and their first names do (the
same key, one the start of the other, a middle name more or less, or a slip of one
letter in a minority spelling). A surname alone is the person who carries it in the
archive: the one whose role the mention gives, else the one who dominates it. Two
speakers an editor confirmed are never made one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# A surname alone goes to the person who holds at least this share of the quotes of
# everyone with that surname, and this many times the next one's.
DOMINANT_SHARE = 0.75
DOMINANT_RATIO = 3.0
# A spelling one letter away from a person's is a slip only where it is the rarer one.
SLIP_RATIO = 3


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count one), or limit + 1 if larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _slip(a: str, b: str) -> bool:
    """One letter away in a word long enough to be read past: "Volodymr", "Podoylak"."""
    shortest = min(len(a), len(b))
    return shortest >= 5 and edit_distance(a, b, 1) <= 1


def first_names_agree(a: str, b: str) -> bool:
    """First-name keys of one person: equal, one the initial or the start of the other."""
    if a == b:
        return True
    if not a or not b:
        return True
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and (len(short) <= 2 or len(short) >= 3 and len(long) - len(short) <= 3)


def full_names_agree(a: str, b: str, *, slips: bool = False) -> bool:
    """Whether two full-name keys are one person: "vladimir zelenski" and "vladimir
    zelenski"; "rafael mariano grosi" and "rafael grosi"; with `slips`, also a letter
    off in the first name or the surname ("volodymr", "podoilak")."""
    ta, tb = a.split(), b.split()
    if len(ta) < 2 or len(tb) < 2:
        return False
    surname_a, surname_b = ta[-1], tb[-1]
    surname_slip = slips and ta[0] == tb[0] and min(len(surname_a), len(surname_b)) >= 6
    if surname_a != surname_b and not (surname_slip and _slip(surname_a, surname_b)):
        return False
    if first_names_agree(ta[0], tb[0]):
        return True
    return slips and surname_a == surname_b and _slip(ta[0], tb[0])


@dataclass(kw_only=True)
class Known:
    """A speaker as resolution sees it."""

    id: int
    key: str  # speaker_key of the canonical name
    kind: str = "person"
    quotes: int = 0
    alias_keys: tuple[str, ...] = ()
    roles: frozenset[str] = frozenset()  # role keys, lower case
    confirmed: bool = False  # an editor created, corrected or merged into it

    @property
    def surname(self) -> str:
        return self.key.split()[-1] if self.key else ""

    @property
    def is_full_name(self) -> bool:
        return " " in self.key


@dataclass(kw_only=True)
class _Cluster:
    members: list[Known]
    first_names: set[str] = field(default_factory=set)
    confirmed: bool = False

    @property
    def quotes(self) -> int:
        return sum(member.quotes for member in self.members)


def role_heads(roles: Iterable[str]) -> set[str]:
    """The head words of roles: "US President" -> "president"."""
    return {role.split()[-1].lower() for role in roles if role.split()}


def bare_surname_owner(
    surname: str, roles: Iterable[str], candidates: Sequence[tuple[int, int, frozenset[str]]]
) -> int | None:
    """Which person a surname alone means, among (id, quotes, role keys) of the people
    with that surname: the one whose role the mention gives, else the one who holds
    most of their quotes, else nobody."""
    if not candidates:
        return None
    heads = role_heads(roles)
    if heads:
        by_role = [pk for pk, _, their_roles in candidates if heads & role_heads(their_roles)]
        if len(by_role) == 1:
            return by_role[0]
    ranked = sorted(candidates, key=lambda c: (-c[1], c[0]))
    if len(ranked) == 1:
        return ranked[0][0]
    total = sum(c[1] for c in ranked)
    top, second = ranked[0][1], ranked[1][1]
    if total and top >= DOMINANT_SHARE * total and top >= DOMINANT_RATIO * max(second, 1):
        return ranked[0][0]
    return None


def group_people(known: Sequence[Known]) -> list[list[int]]:
    """The speakers that are one person (or one body), each group with more than one
    speaker, the survivor first: an editor-confirmed speaker, else the most quoted,
    else the oldest. The rules, most certain first, each a method of _Grouping."""
    grouping = _Grouping(known)
    grouping.by_exact_keys()
    grouping.by_agreeing_first_names()
    grouping.by_slips()
    grouping.by_bare_surnames()
    return grouping.groups()


def _ranked(items: Iterable[Known]) -> list[Known]:
    return sorted(items, key=lambda k: (-k.quotes, k.id))


class _Grouping:
    """Union-find over speakers, where a join refuses what two people cannot share."""

    def __init__(self, known: Sequence[Known]) -> None:
        self.known = list(known)
        self.owner = {item.id: item.id for item in self.known}
        self.clusters = {
            item.id: _Cluster(
                members=[item],
                first_names={item.key.split()[0]} if item.is_full_name else set(),
                confirmed=item.confirmed,
            )
            for item in self.known
        }
        self.people = [item for item in self.known if item.kind == "person"]
        self.by_surname: dict[str, list[Known]] = defaultdict(list)
        self.by_first: dict[str, list[Known]] = defaultdict(list)
        for item in self.people:
            if item.is_full_name:
                self.by_surname[item.surname].append(item)
                self.by_first[item.key.split()[0]].append(item)

    def find(self, pk: int) -> int:
        while self.owner[pk] != pk:
            self.owner[pk] = self.owner[self.owner[pk]]
            pk = self.owner[pk]
        return pk

    def join(self, a: int, b: int, *, misspelt: str | None = None) -> bool:
        """Join b's cluster to a's; `misspelt` is a first name of b's that is a slip, not a name."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ca, cb = self.clusters[ra], self.clusters[rb]
        if ca.confirmed and cb.confirmed:
            return False  # two people an editor kept apart, or two an editor made
        cb.first_names.discard(misspelt)
        if any(not first_names_agree(x, y) for x in ca.first_names for y in cb.first_names):
            return False  # "J. Smith" may join John or Jane Smith, never both
        if len(ca.members) < len(cb.members):
            ra, rb, ca, cb = rb, ra, cb, ca
        ca.members += cb.members
        ca.first_names |= cb.first_names
        ca.confirmed = ca.confirmed or cb.confirmed
        self.owner[rb] = ra
        del self.clusters[rb]
        return True

    def by_exact_keys(self) -> None:
        """Bodies, and full names, by their exact keys: the canonical name or any alias."""
        seen: dict[tuple[str, str], int] = {}
        for item in _ranked(self.known):
            for key in (item.key, *item.alias_keys):
                if not key or (item.kind == "person" and " " not in key):
                    continue
                if item.kind == "person" and item.is_full_name and not full_names_agree(key, item.key):
                    continue  # an alias naming someone else ("Vladimir Putin" on a misread speaker)
                slot = (item.kind, key)
                if slot in seen:
                    self.join(seen[slot], item.id)
                else:
                    seen[slot] = item.id

    def by_agreeing_first_names(self) -> None:
        """Full names within one surname whose first names agree."""
        for same_surname in self.by_surname.values():
            ranked = _ranked(same_surname)
            for pos, item in enumerate(ranked):
                other = next((o for o in ranked[:pos] if full_names_agree(item.key, o.key)), None)
                if other is not None:
                    self.join(other.id, item.id)

    def by_slips(self) -> None:
        """Slips of one letter, only into a spelling quoted three times as often."""
        for group in [*self.by_first.values(), *self.by_surname.values()]:
            ranked = _ranked(group)
            for pos, item in enumerate(ranked):
                for other in ranked[:pos]:
                    if self.find(other.id) == self.find(item.id):
                        break
                    if other.quotes >= SLIP_RATIO * max(item.quotes, 1) and full_names_agree(
                        item.key, other.key, slips=True
                    ):
                        self.join(other.id, item.id, misspelt=item.key.split()[0])
                        break

    def by_bare_surnames(self) -> None:
        """A surname alone: its role's person, else the one who dominates it."""
        for item in self.people:
            if item.is_full_name or not item.key or item.confirmed:
                continue
            roots = {self.find(other.id) for other in self._carrying(item)}
            candidates = [
                (root, self.clusters[root].quotes, frozenset().union(*(m.roles for m in self.clusters[root].members)))
                for root in roots
            ]
            chosen = bare_surname_owner(item.surname, item.roles, candidates)
            if chosen is not None:
                self.join(chosen, item.id)

    def _carrying(self, item: Known) -> Sequence[Known]:
        """The full names with a bare speaker's surname, or (for "Zelenksky") with a surname
        one slip away that is quoted three times as often."""
        same = self.by_surname.get(item.surname, ())
        if same:
            return same
        return [
            other
            for surname, others in self.by_surname.items()
            if _slip(surname, item.surname)
            for other in others
            if other.quotes >= SLIP_RATIO * max(item.quotes, 1)
        ]

    def groups(self) -> list[list[int]]:
        groups = []
        for cluster in self.clusters.values():
            if len(cluster.members) > 1:
                ordered = sorted(cluster.members, key=lambda k: (not k.confirmed, -k.quotes, k.id))
                groups.append([member.id for member in ordered])
        return sorted(groups)
