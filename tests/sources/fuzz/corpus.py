"""A seeded corpus of hostile and broken variants of the bundled example, for the loader's fuzz test.

Each case is a copy of `policy_src/jiji-boutique` with one change: deleted or
duplicated keys, wrong types, huge values, deep nesting, aliases, tags,
encodings, control characters, line ends, symlinks, durations, URLs, plus the
reproduced attacks of the loader's bug reports. The cases are generated in
code (same seed, same corpus) rather than committed as files.

`python tests/sources/fuzz/corpus.py DIR` writes the corpus into DIR to look at.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[3]
EXAMPLE = REPO / "policy_src" / "jiji-boutique"
SEED = 20261130
YAML_FILES = ("activities.yaml", "controller.yaml", "cookies.yaml", "data.yaml", "site.yaml")
MD_FILES = ("cookies.sv.md", "cookies.en.md", "introduction.sv.md", "introduction.en.md")


@dataclass(frozen=True)
class Case:
    """One variant: where its source is, which command runs on it, and whether it must be refused."""

    name: str
    kind: str
    source: Path
    command: str  # "check" or "build"
    must_refuse: bool  # exit 2 required; otherwise 0, 1 or 2 will do

    @property
    def out(self) -> Path:
        return self.source.parent / "dist"


Mutation = Callable[[Path, random.Random], bool | None]
"""Changes a copy of the example; returns True when this variant must be refused (exit 2)."""


# --- helpers -----------------------------------------------------------------------


def _read(source: Path, name: str) -> str:
    return (source / name).read_text(encoding="utf-8")


def _write(source: Path, name: str, text: str) -> None:
    (source / name).write_text(text, encoding="utf-8", newline="")


def _replace_line(source: Path, name: str, pattern: str, new: str) -> None:
    """Replace the value of the first line matching `pattern` (a regex with a group for the value)."""
    text = _read(source, name)
    match = re.search(pattern, text, re.MULTILINE)
    assert match is not None, f"{pattern} not in {name}"
    _write(source, name, text[: match.start(1)] + new + text[match.end(1) :])


def _value_lines(text: str) -> list[int]:
    """Indexes of lines `  key: value` (a key with an inline value, not a list item)."""
    return [i for i, line in enumerate(text.split("\n")) if re.match(r"^\s+[a-z_]+: \S", line)]


def _load(source: Path, name: str) -> dict:
    return yaml.safe_load(_read(source, name))


def _dump(source: Path, name: str, data: object) -> None:
    _write(source, name, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def _paths(data: object, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value inside `data`."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            found.append((*prefix, key))
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.append((*prefix, index))
            found += _paths(value, (*prefix, index))
    return found


def _parent(data: object, path: tuple) -> object:
    for segment in path[:-1]:
        data = data[segment]  # type: ignore[index]
    return data


# --- the classes of variants ---------------------------------------------------------


def deleted_key(source: Path, rng: random.Random) -> None:
    name = rng.choice(YAML_FILES)
    data = _load(source, name)
    path = rng.choice([p for p in _paths(data) if isinstance(_parent(data, p), dict)])
    del _parent(data, path)[path[-1]]  # type: ignore[attr-defined]
    _dump(source, name, data)


def duplicated_key(source: Path, rng: random.Random) -> None:
    name = rng.choice(YAML_FILES)
    lines = _read(source, name).split("\n")
    index = rng.choice(_value_lines("\n".join(lines)))
    lines.insert(index + 1, lines[index])
    _write(source, name, "\n".join(lines))


WRONG_VALUES: list[object] = [[], {}, ["a", "b"], {"sv": "x"}, "text", "", "123", "true", None, [[["deep"]]]]


def wrong_type(source: Path, rng: random.Random) -> None:
    name = rng.choice(YAML_FILES)
    data = _load(source, name)
    path = rng.choice(_paths(data))
    _parent(data, path)[path[-1]] = rng.choice(WRONG_VALUES)  # type: ignore[index]
    _dump(source, name, data)


def huge_value(source: Path, rng: random.Random) -> None:
    name = rng.choice(YAML_FILES)
    lines = _read(source, name).split("\n")
    index = rng.choice(_value_lines("\n".join(lines)))
    key = lines[index].split(":")[0]
    lines[index] = f"{key}: {rng.choice('ab€å') * rng.randint(100_001, 400_000)}"
    _write(source, name, "\n".join(lines))


def deep_nesting(source: Path, rng: random.Random) -> None:
    depth = rng.choice([65, 100, 600, 1_000, 5_000, 100_000])
    if rng.random() < 0.5:
        text = "extra: " + "[" * depth + "]" * depth + "\n"
    else:
        text = "extra:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(min(depth, 3_000)))
        text += "  " * (min(depth, 3_000) + 1) + "end\n"
    _write(source, "extra.yaml", text)


ALIASES = [
    "a: &a x\nb: *a\n",
    "a: &a [*a]\n",
    "a: &a {b: *a}\n",
    "base: &b {x: 1}\nmore:\n  <<: *b\n",
    "a: *nowhere\n",
    "a: &a [x, y]\nb: [*a, *a, *a]\n",
    "a: &a x\na2: &a y\n",
]


def alias(source: Path, rng: random.Random) -> None:
    if rng.random() < 0.5:
        _write(source, "extra.yaml", rng.choice(ALIASES))
    else:  # an anchor on a real value and an alias on another
        text = _read(source, "site.yaml").replace("languages: [sv, en]", "languages: &langs [sv, en]")
        _write(source, "site.yaml", text.replace("  gpc: true", "  gpc: true\n  extra: *langs"))


TAGS = [
    "!!python/object:os.system",
    "!!python/object/apply:os.system",
    "!foo",
    "!!binary",
    "!!int",
    "!!bool",
    "!!timestamp",
    "!!set",
    "!<tag:example.com,2000:x>",
    "!!float",
    "!!null",
]


def tag(source: Path, rng: random.Random) -> None:
    name = rng.choice(YAML_FILES)
    lines = _read(source, name).split("\n")
    index = rng.choice(_value_lines("\n".join(lines)))
    key, value = lines[index].split(": ", 1)
    lines[index] = f"{key}: {rng.choice(TAGS)} {value}"
    _write(source, name, "\n".join(lines))


def encoding(source: Path, rng: random.Random) -> bool:
    name = rng.choice(YAML_FILES + MD_FILES)
    text = _read(source, name)
    choice = rng.randrange(8)
    bad = choice != 7 and (choice != 3 or not text.isascii())
    if choice == 0:
        data = text.encode("utf-16")
    elif choice == 1:
        data = text.encode("utf-16-be")
    elif choice == 2:
        data = text.encode("utf-32")
    elif choice == 3:
        data = text.encode("cp1252", errors="replace")  # å, ä, ö as single bytes
    elif choice == 4:
        data = text.encode("utf-8")
        at = rng.randrange(len(data))
        data = data[:at] + bytes([rng.choice([0x80, 0xC0, 0xFF, 0xFE, 0xED])]) + data[at:]
    elif choice == 5:
        data = text.encode("utf-8").replace(b"a", b"\xc1\xa1", 1)  # overlong encoding of 'a'
    elif choice == 6:
        data = text.encode("utf-8").replace(b"e", b"\xed\xa0\x80", 1)  # an encoded surrogate
    else:
        data = b"\xef\xbb\xbf\xef\xbb\xbf" + text.encode("utf-8")  # two byte order marks
    (source / name).write_bytes(data)
    return bad and data != text.encode("utf-8")  # a file without the byte a mutation replaces is left valid


CONTROLS = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x81, 0x9F)] + ["\ufffe"]


def control_character(source: Path, rng: random.Random) -> None:
    name = rng.choice(YAML_FILES + MD_FILES)
    text = _read(source, name)
    at = rng.randrange(len(text))
    _write(source, name, text[:at] + rng.choice(CONTROLS) + text[at:])


def line_ends(source: Path, rng: random.Random) -> None:
    for name in rng.sample(YAML_FILES + MD_FILES, 3):
        text = _read(source, name)
        style = rng.choice(["\r", "\r\n", "mixed", "\u2028", "\x85"])
        if style == "mixed":
            text = "".join(
                line + rng.choice(["\n", "\r\n", "\r"]) for line in text.split("\n")
            )  # mixed: each line its own end
        else:
            text = text.replace("\n", style)
        _write(source, name, text)


def _outside_file(source: Path) -> Path:
    outside = source.parent / "outside.txt"
    outside.write_text("SECRET-OUTSIDE-THE-SOURCE\n", encoding="utf-8")
    return outside


SYMLINKS = ["passwd", "outside", "dangling", "loop", "self", "fifo", "folder", "dev-null", "inside", "folder-link"]


def symlink(source: Path, rng: random.Random) -> bool:
    kind = rng.choice(SYMLINKS)
    name = rng.choice([*YAML_FILES, "notes.sv.md", "extra.yaml", "cookies.sv.md"])
    target = source / name
    if kind == "inside":  # a link to a file inside the folder: allowed
        shutil.copy(EXAMPLE / "site.yaml", source / "real-site.txt")
        (source / "site.yaml").unlink()
        (source / "site.yaml").symlink_to("real-site.txt")
        return False
    target.unlink(missing_ok=True)
    if kind == "passwd":
        target.symlink_to("/etc/passwd")
    elif kind == "outside":
        target.symlink_to(_outside_file(source))
    elif kind == "dangling":
        target.symlink_to("nowhere.yaml")
    elif kind == "loop":
        target.symlink_to("loop-b.yaml")
        (source / "loop-b.yaml").symlink_to(name)
    elif kind == "self":
        target.symlink_to(name)
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    elif kind == "dev-null":
        target.symlink_to("/dev/null")
    else:
        target.symlink_to("..")
    return True


BAD_DURATIONS = [
    "P" + "9" * 300 + "M",
    "P١Y",
    "P１Y",
    "P101Y",
    "P1201M",
    "PT999999999999S",
    "P",
    "PT",
    "P1DT",
    "p1y",
    "P-1Y",
    "P1.5Y",
    "1Y",
    "|\n    P6M",  # a block scalar keeps its final newline: 'P6M\n'
    '"P6M\\n"',
    "P1Y1Y",
    "P0000000000001Y",
]
GOOD_DURATIONS = ["P100Y", "P1200M", "P36525D", "PT1S", "P1Y2M3W4DT5H6M7S", "session", "P0D"]


def duration(source: Path, rng: random.Random) -> bool:
    value = rng.choice(BAD_DURATIONS + GOOD_DURATIONS)
    where = rng.choice(
        [
            ("site.yaml", r"consent_lifetime: (P6M)"),
            ("controller.yaml", r"response_time: (P1M)"),
            ("cookies.yaml", r"duration: (P13M)"),
            ("activities.yaml", r"period: (P3Y)"),
        ]
    )
    _replace_line(source, *where, value)
    return value in BAD_DURATIONS


BAD_URLS = [
    ("site.yaml", r"publish_path: (\S+)", "//evil.example/"),
    ("site.yaml", r"publish_path: (\S+)", "'/\\evil.example/'"),
    ("site.yaml", r"publish_path: (\S+)", "/a?b/"),
    ("site.yaml", r"policy_url: (\S+)", "https://"),
    ("site.yaml", r"policy_url: (\S+)", "//evil.example/policy/"),
    ("site.yaml", r"policy_url: (\S+)", "https://:443/"),
    ("site.yaml", r"base_url: (\S+)", "http://user@evil.example/"),
    ("site.yaml", r"base_url: (\S+)", "https://host:notaport/"),
    ("site.yaml", r"base_url: (\S+)", "javascript:alert(1)"),
    ("data.yaml", r"(decision_url: \S+)", "copy_at: javascript:alert(1)"),
    ("data.yaml", r"(decision_url: \S+)", "copy_at: ask our DPO"),
    ("data.yaml", r"(decision_url: \S+)", "copy_at: https://"),
    ("data.yaml", r"(decision_url: \S+)", "copy_at: ftp://example.com/scc.pdf"),
    ("controller.yaml", r"- url: (\S+)", "https:///myaccount/"),
]
GOOD_URLS = [
    ("data.yaml", r"(decision_url: \S+)", "copy_at: dpo@jiji-boutique.se"),
    ("data.yaml", r"(decision_url: \S+)", "copy_at: https://example.com/scc.pdf"),
    ("site.yaml", r"publish_path: (\S+)", "/"),
    ("site.yaml", r"policy_url: (\S+)", "/integritetspolicy/"),
]


def url(source: Path, rng: random.Random) -> bool:
    """Returns whether the URL written is one that must be refused."""
    bad = rng.random() < 0.75
    name, pattern, value = rng.choice(BAD_URLS if bad else GOOD_URLS)
    _replace_line(source, name, pattern, value)
    return bad


# (kind, mutation, how many, must every variant be refused?)
CLASSES: list[tuple[str, Mutation, int, bool]] = [
    ("deleted-key", deleted_key, 28, False),
    ("duplicated-key", duplicated_key, 24, True),
    ("wrong-type", wrong_type, 28, False),
    ("huge-value", huge_value, 12, True),
    ("deep-nesting", deep_nesting, 16, True),
    ("alias", alias, 24, True),
    ("tag", tag, 24, True),
    ("encoding", encoding, 24, False),  # refused unless the bytes happen to be valid UTF-8
    ("control-character", control_character, 24, True),
    ("line-ends", line_ends, 24, False),
    ("symlink", symlink, 24, False),  # refused except a link inside the folder
    ("duration", duration, 24, False),  # refused when the duration is one of BAD_DURATIONS
    ("url", url, 24, False),  # refused when the URL is one of BAD_URLS
]


# --- the reproduced cases of the bug reports ------------------------------------------------

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def _controller_bomb(source: Path) -> None:
    text = _read(source, "controller.yaml")
    bomb = "".join("  " + line + "\n" for line in BILLION_LAUGHS.replace("a: &a", "x_a: &a").splitlines())
    _write(source, "controller.yaml", text.replace("controller:\n", "controller:\n" + bomb, 1))


def _many_errors(source: Path) -> None:
    text = _read(source, "cookies.yaml")
    extra = "".join(f"  - name: c{i}\n    category: necessary\n    bogus: {i}\n" for i in range(20_000))
    _write(source, "cookies.yaml", text.replace("cookies:\n", "cookies:\n" + extra, 1))


def _sparse_large_file(source: Path) -> None:
    with open(source / "big.yaml", "wb") as handle:
        handle.truncate(64 * 1024 * 1024 + 1)


def _long_line(source: Path, size: int) -> None:
    _write(source, "extra.yaml", "x: " + "a" * size + "\n")


def _set(name: str, pattern: str, value: str) -> Callable[[Path], None]:
    return lambda source: _replace_line(source, name, pattern, value)


def _unlink_and_link(source: Path, name: str, target: str) -> None:
    (source / name).unlink(missing_ok=True)
    (source / name).symlink_to(target)


REPRODUCED: list[tuple[str, str, Callable[[Path], None]]] = [
    ("billion-laughs", "build", lambda s: _write(s, "bomb.yaml", BILLION_LAUGHS)),
    ("billion-laughs-in-controller", "build", _controller_bomb),
    ("symlink-etc-passwd", "build", lambda s: _unlink_and_link(s, "notes.sv.md", "/etc/passwd")),
    ("dangling-cookies-yaml", "build", lambda s: _unlink_and_link(s, "cookies.yaml", "nowhere.yaml")),
    ("fifo", "build", lambda s: os.mkfifo(s / "extra.yaml")),
    ("fifo-fragment", "check", lambda s: os.mkfifo(s / "notes.sv.md")),
    ("recursion-600", "build", lambda s: _write(s, "deep.yaml", "x: " + "[" * 600 + "]" * 600 + "\n")),
    ("recursion-100000", "check", lambda s: _write(s, "deep.yaml", "x: " + "{a: " * 100_000 + "}" * 100_000)),
    ("self-alias", "check", lambda s: _write(s, "self.yaml", "x: &s [*s]\n")),
    ("self-alias-mapping", "build", lambda s: _write(s, "self.yaml", "x: &s {y: *s}\n")),
    ("bel", "build", lambda s: _replace_line(s, "site.yaml", r"consent_cookie_name: (\S+)", "con\x07sent")),
    ("nul", "check", lambda s: _write(s, "nul.yaml", "x: a\x00b\n")),
    ("duration-300-digits", "build", _set("site.yaml", r"consent_lifetime: (\S+)", "P" + "9" * 300 + "M")),
    ("duration-arabic-indic", "check", lambda s: _replace_line(s, "cookies.yaml", r"duration: (P2D)", "P٢D")),
    ("duration-trailing-newline", "check", lambda s: _replace_line(s, "cookies.yaml", r"duration: (P2D)", '"P2D\\n"')),
    ("twenty-thousand-errors", "check", _many_errors),
    ("name-10-mb", "build", lambda s: _replace_line(s, "controller.yaml", r"  name: (.+)", "J" * 10_000_000)),
    ("line-30-mb", "check", lambda s: _long_line(s, 30_000_000)),
    ("file-over-64-mib", "check", _sparse_large_file),
    ("copy-at-free-text", "build", _set("data.yaml", r"(decision_url: \S+)", "copy_at: se avtalet")),
    ("publish-path-protocol-relative", "build", _set("site.yaml", r"publish_path: (\S+)", "//evil.example/")),
    ("policy-url-no-host", "build", lambda s: _replace_line(s, "site.yaml", r"policy_url: (\S+)", "https://")),
    ("tag-python-object", "build", _set("site.yaml", r"gpc: (true)", "!!python/object:os.system true")),
    ("tag-local", "check", lambda s: _replace_line(s, "site.yaml", r"gpc: (true)", "!foo true")),
]  # fmt: skip


def generate(root: Path, seed: int = SEED) -> list[Case]:
    """Write every case under `root` (one folder each, `src/` the source) and return them."""
    rng = random.Random(seed)
    cases: list[Case] = []

    def new_source(name: str) -> Path:
        source = root / name / "src"
        shutil.copytree(EXAMPLE, source)
        return source

    for kind, mutation, count, always_bad in CLASSES:
        for i in range(count):
            name = f"{kind}-{i:02d}"
            source = new_source(name)
            case_rng = random.Random(rng.getrandbits(64))
            verdict = mutation(source, case_rng)
            must_refuse = always_bad or bool(verdict)
            command = "build" if i % 4 == 0 else "check"
            cases.append(Case(name, kind, source, command, must_refuse))
    for name, command, make in REPRODUCED:
        source = new_source(name)
        make(source)
        cases.append(Case(name, "reproduced", source, command, True))
    return cases


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "fuzz-corpus")
    for case in generate(target):
        print(f"{case.command:5} {'refuse' if case.must_refuse else 'any   '} {case.source}")
