"""Safe YAML with line marks → Catalogue, with cross-reference checks and every error at once."""

from __future__ import annotations

import errno
import gc
import os
import unicodedata
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import BaseModel, ValidationError

from .errors import ContentError, CurriculumError
from .kinds import KIND_BY_FOLDER, KINDS
from .models import BLOCK_KEYS, Catalogue, FieldProblem, Record, Source, slug_of
from .provenance import provenance_errors
from .timing import facts_from_method, schedule, session_plan

if TYPE_CHECKING:
    SafeLoader = yaml.SafeLoader  # the C loader below has the same interface
else:
    SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG, _SEQ_TAG, _MAP_TAG = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
YAML_SUFFIXES = (".yml", ".yaml")
CLOCK_FIELDS = {"start", "end", "at", "new_day"}

# What one file may hold, so that no input keeps `check` busy or crashes it; each limit is named in its message.
MAX_FILE_BYTES = 1_000_000  # the largest record is 5 kB
MAX_DEPTH = 20  # lists and mappings inside each other; the schema nests them at most 4 deep
MAX_VALUES = 10_000  # values in one file, with what aliases repeat; a record has a few hundred
# libyaml composes by recursion (a segfault near 50,000 levels) and scans ever slower as the depth grows
# (17 s for 50,000): a file with more indicator characters than this is measured before it is composed,
# and so is a long one, rather than composed whole only to be refused.
_UNMEASURED_INDICATORS = 1000 if SafeLoader is not yaml.SafeLoader else MAX_DEPTH
_UNMEASURED_BYTES = 100_000

Path_ = tuple[str | int, ...]


@dataclass
class Marks:
    """Line and column (1-based) of every value and every key in one YAML document."""

    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    # The source text of each scalar, to quote what the editor wrote (13.00, not the float 13.0).
    raw: dict[Path_, str] = field(default_factory=dict)

    def of_value(self, path: Path_) -> tuple[int, int]:
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def of_key(self, path: Path_) -> tuple[int, int]:
        return self.keys.get(path) or self.of_value(path)


@dataclass
class Parsed:
    kind: str
    id: str
    path: str
    data: Any
    # None until an error needs a line: marking every node costs as much as parsing the file.
    known_marks: Marks | None
    text: str

    @property
    def marks(self) -> Marks:
        if self.known_marks is None:
            self.known_marks = _marks_of(self.text, self.path)
        return self.known_marks


# ---------------------------------------------------------------- public


def load_catalogue(root: Path | str) -> Catalogue:
    """Load every record under `root`; raise CurriculumError listing every mistake."""
    root = Path(root)
    errors: list[ContentError] = []
    found: set[tuple[str, str]] = set()
    with _no_cycle_collection():
        parsed = list(_parse_files(root, errors, found))
        catalogue = Catalogue()
        for item in parsed:
            record = _validate(item, errors)
            if record is not None:
                _attach(catalogue, item, record, errors)
        marks = {(item.kind, item.id): item for item in parsed}
        errors.extend(_check_references(catalogue, marks, found))
        errors.extend(_check_sessions(catalogue, marks))
        errors.extend(provenance_errors(catalogue, marks))
    if errors:
        raise CurriculumError(errors)
    return catalogue


def relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve().parent).as_posix()
    except ValueError:
        return path.as_posix()


class _Relative:
    """relative() for every file under one root, resolving the root and each folder once."""

    def __init__(self, root: Path):
        self.root = root
        self.base = root.resolve().parent
        # Each folder's shown prefix ('curriculum/methods/'), or None when it resolves outside the base.
        self.prefixes: dict[Path, str | None] = {}

    def __call__(self, path: Path) -> str:
        if path.is_symlink():
            return relative(path, self.root)
        folder = path.parent
        if folder not in self.prefixes:
            self.prefixes[folder] = self._prefix(folder)
        prefix = self.prefixes[folder]
        return path.as_posix() if prefix is None else prefix + path.name

    def of_entry(self, folder: Path, entry: os.DirEntry) -> str:
        """The same for a scandir entry of `folder`, without a Path per file."""
        if entry.is_symlink():
            return relative(folder / entry.name, self.root)
        if folder not in self.prefixes:
            self.prefixes[folder] = self._prefix(folder)
        prefix = self.prefixes[folder]
        return (folder / entry.name).as_posix() if prefix is None else prefix + entry.name

    def _prefix(self, folder: Path) -> str | None:
        try:
            shown = folder.resolve().relative_to(self.base).as_posix()
        except ValueError:
            return None
        return "" if shown == "." else shown + "/"


@contextmanager
def _no_cycle_collection():
    # Parsing allocates a few hundred thousand objects and frees none of them as garbage: the cycle
    # collector would only walk them again and again (a third of the load time at 4,000 files).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:
                # Re-enabled as it is, the collector would walk every object made meanwhile at the next
                # allocation (50 ms at 4,000 files), only to move the survivors to an older generation.
                # freeze() resets the young count and unfreeze() puts them all in the oldest generation.
                gc.freeze()
                gc.unfreeze()
            gc.enable()


# ---------------------------------------------------------------- parsing


def _parse_files(root: Path, errors: list[ContentError], found: set[tuple[str, str]]):
    if not root.is_dir():
        errors.append(ContentError(root.as_posix(), 1, 1, "", "expected a curriculum folder, found none"))
        return
    relative_to_root = _Relative(root)
    quick = _quick_parser()
    for parts, folder_path, entry in _yaml_entries(root):
        if not _is_file(entry):
            continue
        shown = relative_to_root.of_entry(folder_path, entry)
        folder = parts[0] if len(parts) > 1 else ""
        if folder not in KIND_BY_FOLDER:
            errors.append(_unknown_folder(shown, folder))
            continue
        name = entry.name
        record_id = slug_of(name[: name.rfind(".")])
        if record_id is None:
            errors.append(
                ContentError(
                    shown,
                    1,
                    1,
                    "id",
                    f"expected a file name of lowercase letters a–z, digits and hyphens, like 'sosiaalinen-atomi.yml' (not 'index'), received '{name}': rename the file",
                )
            )
            continue
        found.add((folder, record_id))
        parsed = _parse_one(entry.path, shown, errors, quick)
        if parsed is not None:
            yield Parsed(folder, record_id, shown, *parsed)


def _yaml_entries(root: Path) -> list[tuple[tuple[str, ...], Path, os.DirEntry]]:
    """What `sorted(root.rglob("*"))` filtered to the YAML suffixes gives, from one scandir per folder.

    Each entry comes with its path's parts below `root` (the sort key: Path orders by its parts) and
    its folder. Like rglob: symlinked folders are listed but not entered, unreadable folders skipped.
    """
    found = []
    pending: list[tuple[tuple[str, ...], Path]] = [((), root)]
    while pending:
        parts, folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except PermissionError:
            continue
        for entry in entries:
            name = entry.name
            dot = name.rfind(".")
            if 0 < dot < len(name) - 1 and name[dot:] in YAML_SUFFIXES:  # Path.suffix
                found.append((parts + (name,), folder, entry))
            if _is_folder(entry):
                pending.append((parts + (name,), folder / name))
    found.sort(key=_first)
    return found


def _first(item: tuple) -> Any:
    return item[0]


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError as exc:
        return _ignored(exc)


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError as exc:  # a symlink loop, say
        return _ignored(exc)


def _ignored(exc: OSError) -> bool:
    """False for the errors pathlib's is_dir()/is_file() take as 'no'; raise the rest as they do."""
    if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP):
        return False
    raise exc


def _unknown_folder(shown: str, folder: str) -> ContentError:
    known = [kind.folder for kind in KINDS]
    if not folder:
        return ContentError(
            shown,
            1,
            1,
            "",
            f"expected the file in a folder of one kind ({', '.join(known)}), received it at the top of curriculum/: move it",
        )
    hint = _did_you_mean(folder, known)
    message = (
        f"unknown folder '{folder}'{hint}"
        if hint
        else f"unknown folder '{folder}'; expected one of: {', '.join(known)}"
    )
    return ContentError(shown, 1, 1, "", message)


def _parse_one(
    path: str, shown: str, errors: list[ContentError], quick: Callable[[bytes], dict | None]
) -> tuple[Any, Marks | None, str] | None:
    try:
        raw = _read(path, MAX_FILE_BYTES + 1)
    except OSError as exc:
        errors.append(
            ContentError(
                shown,
                1,
                1,
                "",
                f"expected a file to read, received the error '{exc.strerror or exc}': check the file and its permissions",
            )
        )
        return None
    if len(raw) > MAX_FILE_BYTES:
        errors.append(_too_large(shown, os.stat(path).st_size))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - raw.rfind(b"\n", 0, exc.start)
        errors.append(
            ContentError(
                shown,
                line,
                column,
                "",
                f"expected UTF-8 text, received the byte 0x{raw[exc.start]:02x}: save the file as UTF-8",
            )
        )
        return None
    if _is_empty(text):
        errors.append(_empty_file(shown))
        return None
    try:
        # Files that could nest too deep for libyaml or repeat values with aliases are measured first;
        # the quick path gives up on any other beyond the limits, and the careful path measures it.
        measured = _may_break_limits(raw) or _may_repeat(raw)
        if measured:
            _measure(text, shown)
        # The bytes, not the text: the C parser would encode the text back to UTF-8 first.
        data = quick(raw)
        if data is not None:
            return data, None, text
        if not measured:
            _measure(text, shown)
        loader = SafeLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:  # no document: a byte order mark alone, which _is_empty does not see
                errors.append(_empty_file(shown))
                return None
            marks = Marks()
            _collect_marks(node, (), marks, shown, errors)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except _Refused as refused:
        errors.append(refused.error)
        return None
    except yaml.reader.ReaderError as exc:
        errors.append(_reader_error(shown, text, exc))
        return None
    except yaml.constructor.ConstructorError as exc:
        errors.append(_constructor_error(shown, exc))
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        context = ""
        if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            context = f" ({exc.context} that starts at line {exc.context_mark.line + 1})"
        errors.append(ContentError(shown, line, column, "", f"invalid YAML: {exc.problem or exc.context}{context}"))
        return None
    except yaml.YAMLError as exc:
        errors.append(ContentError(shown, 1, 1, "", f"invalid YAML: {exc}"))
        return None
    if not isinstance(data, dict):
        errors.append(
            ContentError(
                shown,
                1,
                1,
                "",
                f"expected a mapping of keys and values at the top of the file, received {_describe(data)}",
            )
        )
        return None
    return data, marks, text


def _read(path: str, most: int) -> bytes:
    """The file's bytes, or its first `most` bytes when it is longer."""
    # os.read, not open(): no buffered file object, no fstat or seek; a third of the time per file.
    fd = os.open(path, os.O_RDONLY)
    try:
        chunks = []
        left = most
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _too_large(shown: str, size: int) -> ContentError:
    limit = f"{MAX_FILE_BYTES // 1_000_000} MB"
    return ContentError(
        shown,
        1,
        1,
        "",
        f"the file is {size / 1_000_000:.1f} MB ({size:,} bytes); curriculum files may be at most {limit}: split the record",
    )


def _reader_error(shown: str, text: str, exc: yaml.reader.ReaderError) -> ContentError:
    character = exc.character if isinstance(exc.character, int) else ord(exc.character or "\0")
    # The reader stops at the first such character; its offset counts bytes in libyaml, characters in PyYAML.
    index = text.find(chr(character))
    line, column = (text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)) if index >= 0 else (1, 1)
    what = "control character" if unicodedata.category(chr(character)) == "Cc" else "character"
    return ContentError(
        shown,
        line,
        column,
        "",
        f"expected text, received the {what} U+{character:04X}, which YAML does not allow: remove it",
    )


def _empty_file(shown: str) -> ContentError:
    return ContentError(shown, 1, 1, "", "expected a record, received an empty file: fill it in or delete it")


def _is_empty(text: str) -> bool:
    """Nothing but blank lines and comments."""
    first = text[:1]
    if first and first != "#" and not first.isspace():
        return False  # the first line has content: the whole test below would say so too
    return not text.strip() or all(line.lstrip().startswith("#") or not line.strip() for line in text.splitlines())


# ---------------------------------------------------------------- limits


class _Refused(Exception):
    """A file refused before it is composed or built: too deep, too many values, a key that is not text …"""

    def __init__(self, error: ContentError):
        super().__init__(str(error))
        self.error = error


def _may_break_limits(raw: bytes) -> bool:
    if len(raw) > _UNMEASURED_BYTES:
        return True
    # Each list or mapping needs an indicator of its own ('[', '{', '-', '?' or ':'); few of them, no depth.
    # One pass that drops them (a third of the time of five counts) tells how many there are.
    return len(raw) > _UNMEASURED_INDICATORS and len(raw) - len(raw.translate(None, b"[{-?:")) > _UNMEASURED_INDICATORS


def _may_repeat(raw: bytes) -> bool:
    # An alias (*name) repeats a value marked with an anchor (&name); without both no value repeats.
    return b"*" in raw and b"&" in raw


@dataclass
class _Open:
    """A list or mapping the parser is inside of, while _measure reads the events."""

    mapping: bool
    anchor: str | None
    values_before: int
    part: int | str = 0  # the current item's index, or the current key
    at_key: bool = True  # in a mapping: the next node is a key
    deepest: int = 0  # the deepest level reached inside


def _measure(text: str, shown: str) -> None:
    """Raise _Refused at the first place the file breaks a limit or nests a key, from the parser's events.

    One pass with nothing composed and no recursion, so it is safe on any input: an alias counts what
    its anchor holds without repeating it. A YAML syntax error ends the pass quietly; the careful path
    parses the file again and reports it where it is.
    """
    loader = SafeLoader(text)
    opened: list[_Open] = []
    anchors: dict[str, tuple[int, int]] = {}  # anchor → (values, levels) of the finished node it marks
    values = documents = 0

    def refuse(event, message: str) -> None:
        path = tuple(item.part for item in opened if not (item.mapping and item.at_key))
        mark = event.start_mark
        raise _Refused(ContentError(shown, mark.line + 1, mark.column + 1, _field(path), message))

    try:
        while loader.check_event():
            event = loader.get_event()
            kind = type(event)
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    refuse(
                        event,
                        "expected one record per file, received a second document (after a line '---'): move it to a file of its own",
                    )
                continue
            if kind in (yaml.SequenceEndEvent, yaml.MappingEndEvent):
                closed = opened.pop()
                if closed.anchor is not None:
                    anchors[closed.anchor] = (values - closed.values_before, closed.deepest - len(opened))
                if opened:
                    opened[-1].deepest = max(opened[-1].deepest, closed.deepest)
                    _advance(opened[-1], None)
                continue
            if kind not in (yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent):
                continue
            parent = opened[-1] if opened else None
            in_key = parent is not None and parent.mapping and parent.at_key
            if kind is yaml.AliasEvent:
                if in_key:
                    refuse(
                        event, f"expected a key written out, received the alias *{event.anchor}: write the key itself"
                    )
                if any(item.anchor == event.anchor for item in opened):
                    refuse(
                        event,
                        f"the alias *{event.anchor} refers to a value that holds the alias itself, which repeats without end: refer to a finished value",
                    )
                if event.anchor not in anchors:
                    return  # an undefined alias: the careful path reports it
                held, levels = anchors[event.anchor]
                values += held
                if values > MAX_VALUES:
                    refuse(
                        event,
                        f"with the alias *{event.anchor} repeating what it refers to, the file holds more than {MAX_VALUES:,} values; curriculum files may hold at most {MAX_VALUES:,}: write fewer aliases",
                    )
                if len(opened) + levels > MAX_DEPTH:
                    refuse(
                        event,
                        f"the alias *{event.anchor} nests lists and mappings here more than {MAX_DEPTH} levels deep; curriculum files may nest them at most {MAX_DEPTH} levels: flatten the structure",
                    )
                if parent is not None:
                    parent.deepest = max(parent.deepest, len(opened) + levels)
                    _advance(parent, None)
                continue
            values += 1
            if values > MAX_VALUES:
                refuse(
                    event,
                    f"the file holds more than {MAX_VALUES:,} values; curriculum files may hold at most {MAX_VALUES:,}: split the record",
                )
            if kind is yaml.ScalarEvent:
                if event.anchor is not None:
                    anchors[event.anchor] = (1, 0)
                if parent is not None:
                    _advance(parent, event.value)
                continue
            if in_key:
                noun = "a list" if kind is yaml.SequenceStartEvent else "a mapping"
                refuse(event, f"expected a text key, received {noun}: write the key as text")
            if len(opened) + 1 > MAX_DEPTH:
                refuse(
                    event,
                    f"lists and mappings nest here more than {MAX_DEPTH} levels deep; curriculum files may nest them at most {MAX_DEPTH} levels: flatten the structure",
                )
            opened.append(_Open(kind is yaml.MappingStartEvent, event.anchor, values - 1, deepest=len(opened) + 1))
    except yaml.YAMLError:
        return
    finally:
        loader.dispose()


def _advance(parent: _Open, key: str | None) -> None:
    """Move `parent` past the node just finished: a mapping from its key to its value and back, a list to its next item."""
    if not parent.mapping:
        assert isinstance(parent.part, int)  # noqa: S101 (narrowing: a list's part is its index)
        parent.part += 1
    elif parent.at_key:
        parent.part, parent.at_key = (key if key is not None else "?"), False
    else:
        parent.at_key = True


class _Unusual(Exception):
    """A file the quick path leaves to the careful one: repeated keys, tags, merges, errors."""


class _QuickLoader(SafeLoader):
    """SafeLoader that leaves tag resolution to _quick_parser.

    The composer calls resolve(kind, value, implicit) for every node written without a tag (or with
    the non-specific '!'): a Python call per node, a fifth of the parse. `slice` is a C callable that
    takes exactly those three arguments and keeps them, so such a node's tag is a slice, and the quick
    parser resolves only the plain scalars, as SafeLoader's resolve() would. Nothing else reads the tags.
    """

    resolve = staticmethod(slice)

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass


# Only while SafeLoader has no path or wildcard resolvers (nothing registers any) does the quick parser resolve
# exactly like it; otherwise the quick path uses SafeLoader's own resolver, with string tags.
_QUICK_LOADER = (
    SafeLoader if SafeLoader.yaml_path_resolvers or None in SafeLoader.yaml_implicit_resolvers else _QuickLoader
)
_ScalarNode, _SequenceNode, _MappingNode = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode


def _quick_data(source: str | bytes) -> dict | None:
    """A plain file's data without line marks; None sends the file down the careful path, which reports."""
    return _quick_parser()(source)


def _quick_parser() -> Callable[[str | bytes], dict | None]:
    """_quick_data for one load, remembering the plain keys and short plain scalars it has resolved.

    A catalogue repeats a few dozen keys and numbers thousands of times; each would otherwise go
    through the resolver's regular expressions again.
    """
    text_keys: set[str] = set()
    short_values: dict[str, Any] = {}  # plain scalars up to 15 characters: their text, number, boolean or None
    values = 0  # in the file being read, as _measure counts them

    def quick(source: str | bytes) -> dict | None:
        nonlocal values
        values = 1
        loader = _QUICK_LOADER(source)
        try:
            node = loader.get_single_node()
            data = plain(node, loader, loader.yaml_implicit_resolvers, 1) if node is not None else None
        except Exception:  # noqa: BLE001 (the careful path parses the file again and reports (or raises) exactly as before
            return None
        finally:
            loader.dispose()
        return data if isinstance(data, dict) else None

    def plain(node: yaml.Node, loader, resolvers: dict, depth: int) -> Any:
        """The data SafeLoader builds for a node, in one pass, for text keys and the default tags only."""
        nonlocal values
        node_type = type(node)
        if node_type is _ScalarNode:
            return scalar(node, loader, resolvers)
        if depth > MAX_DEPTH:
            raise _Unusual
        values += len(node.value) if node_type is _SequenceNode else 2 * len(node.value)
        if values > MAX_VALUES:
            raise _Unusual
        tag = node.tag
        inner = depth + 1
        if node_type is _SequenceNode and (type(tag) is slice or tag == _SEQ_TAG):
            return [
                scalar(item, loader, resolvers) if type(item) is _ScalarNode else plain(item, loader, resolvers, inner)
                for item in node.value
            ]
        if node_type is not _MappingNode or (type(tag) is not slice and tag != _MAP_TAG):
            raise _Unusual
        data = {}
        for key_node, value_node in node.value:
            if type(key_node) is not _ScalarNode:
                raise _Unusual
            key, tag = key_node.value, key_node.tag
            if type(tag) is slice:
                if (
                    tag.step[0] and key not in text_keys
                ):  # plain: text unless it reads as a number, true/false, null, '<<' …
                    for _, regexp in resolvers.get(key[:1], ()):
                        if regexp.match(key):
                            raise _Unusual
                    text_keys.add(key)
            elif tag != _STR_TAG:
                raise _Unusual
            data[key] = (
                scalar(value_node, loader, resolvers)
                if type(value_node) is _ScalarNode
                else plain(value_node, loader, resolvers, inner)
            )
        if len(data) != len(node.value):
            raise _Unusual
        return data

    def scalar(node: yaml.Node, loader, resolvers: dict) -> Any:  # a ScalarNode, told by `type(node) is`
        tag = node.tag
        if type(tag) is slice:  # BaseResolver.resolve() for a scalar, without path or wildcard resolvers
            if not tag.step[0]:  # quoted, or tagged '!': text
                return node.value
            value = node.value
            candidates = resolvers.get(value[:1])
            if not candidates:
                return value
            short = len(value) < 16
            if short and value in short_values:
                return short_values[value]
            data = value
            for tag, regexp in candidates:
                if regexp.match(value):
                    node.tag = tag
                    data = loader.construct_object(node)
                    break
            if short and type(data) in _IMMUTABLE:
                short_values[value] = data
            return data
        if tag == _STR_TAG:
            return node.value
        return loader.construct_object(node)

    return quick


_IMMUTABLE = (str, int, bool, float, type(None))


def _marks_of(text: str, shown: str) -> Marks:
    loader = SafeLoader(text)
    try:
        marks = Marks()
        node = loader.get_single_node()
        assert node is not None  # noqa: S101 (narrowing: only a file that loaded as a mapping gets here)
        _collect_marks(node, (), marks, shown, [])
        return marks
    finally:
        loader.dispose()


def _constructor_error(shown: str, exc: yaml.constructor.ConstructorError) -> ContentError:
    mark = exc.problem_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = str(exc.problem or "")
    tag = problem.rsplit(" ", 1)[-1].strip("'").replace("tag:yaml.org,2002:", "!!")
    return ContentError(
        shown,
        line,
        column,
        "",
        f"the YAML tag {tag} is not allowed: the curriculum is plain data (text, numbers, lists, mappings); remove the tag",
    )


# Keys YAML reads as something other than text (list and mapping keys _measure refuses earlier).
_NOT_TEXT_KEYS = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true or false",
    "tag:yaml.org,2002:null": "nothing (null)",
    "tag:yaml.org,2002:timestamp": "a date",
}


def _collect_marks(node: yaml.Node, path: Path_, marks: Marks, shown: str, errors: list[ContentError]) -> None:
    marks.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key_node.tag in _NOT_TEXT_KEYS:
                line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                message = f"expected a text key, received {key}, which YAML reads as {_NOT_TEXT_KEYS[key_node.tag]}: use a field name"
                raise _Refused(ContentError(shown, line, column, _field(path + (key,)), message))
            if key in seen:
                line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                errors.append(
                    ContentError(
                        shown,
                        line,
                        column,
                        _field(path + (key,)),
                        "expected each key once, received it again: remove or merge the repeated key",
                    )
                )
            seen.add(key)
            marks.keys[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _collect_marks(value_node, path + (key,), marks, shown, errors)
    elif isinstance(node, yaml.ScalarNode):
        marks.raw[path] = node.value
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_marks(item, path + (index,), marks, shown, errors)


# ---------------------------------------------------------------- validation


def _validate(item: Parsed, errors: list[ContentError]) -> Record | Source | None:
    model = KIND_BY_FOLDER[item.kind].model
    if "id" in item.data:
        line, column = item.marks.of_key(("id",))
        errors.append(
            ContentError(
                item.path,
                line,
                column,
                "id",
                "expected no 'id' key, received one: the id is the file name; remove the key",
            )
        )
        return None
    try:
        return model.model_validate({**item.data, "id": item.id})
    except ValidationError as exc:
        details = exc.errors(include_url=False)
        suggested = {_typo_target(model, d) for d in details if d["type"] == "extra_forbidden"}
        for detail in details:
            if detail["type"] == "missing" and tuple(detail["loc"]) in suggested:
                continue  # the unknown key's "did you mean" already says it
            errors.append(_from_pydantic(item, model, detail))
        return None


def _typo_target(model: type[BaseModel], detail: Mapping[str, Any]) -> Path_ | None:
    loc = _strip_block_tags(tuple(detail["loc"]))
    import difflib  # only for error reports

    close = difflib.get_close_matches(str(loc[-1]), _fields_at(model, loc[:-1]), n=1, cutoff=0.6)
    return loc[:-1] + (close[0],) if close else None


def _from_pydantic(item: Parsed, model: type[BaseModel], detail: Mapping[str, Any]) -> ContentError:
    loc = _strip_block_tags(tuple(detail["loc"]))
    kind = detail["type"]
    if kind == "extra_forbidden":
        line, column = item.marks.of_key(loc)
        allowed = _fields_at(model, loc[:-1])
        hint = _did_you_mean(str(loc[-1]), allowed)
        message = f"unknown key '{loc[-1]}'{hint or '; expected one of: ' + ', '.join(allowed)}"
        return ContentError(item.path, line, column, _field(loc), message)
    if kind == "missing":
        line, column = item.marks.of_value(loc[:-1])
        return ContentError(
            item.path, line, column, _field(loc), f"expected this required field, received nothing: add '{loc[-1]}:'"
        )
    problem = detail.get("ctx", {}).get("error")
    if isinstance(problem, FieldProblem):
        loc = loc + problem.field
    line, column = item.marks.of_value(loc)
    return ContentError(item.path, line, column, _field(loc), _explain(detail, loc, item.marks.raw.get(loc)))


def _strip_block_tags(loc: Path_) -> Path_:
    # A session block is a tagged union: pydantic puts the tag ('method', 'break', …) after the index.
    if len(loc) >= 3 and loc[0] == "blocks" and isinstance(loc[1], int) and loc[2] in BLOCK_KEYS:
        return loc[:2] + loc[3:]
    return loc


def _explain(detail: Mapping[str, Any], loc: Path_, raw: str | None) -> str:
    kind, ctx, received = detail["type"], detail.get("ctx", {}), detail.get("input")
    name = str(loc[-1]) if loc else ""
    got = _describe(received)
    if name in CLOCK_FIELDS and kind in ("string_type", "string_pattern_mismatch"):
        if isinstance(received, (int, float)):
            return f'expected a clock time in quotes like "9.15", received {raw or received}, which YAML reads as a number: write "{raw or received}"'
        return f'expected a clock time in quotes like "9.15", received {got}'
    simple = {
        "string_type": "expected text",
        "int_type": "expected a whole number",
        "int_parsing": "expected a whole number",
        "int_from_float": "expected a whole number",
        "list_type": "expected a list",
        "dict_type": "expected a mapping of keys and values",
        "model_type": "expected a mapping of keys and values",
        "model_attributes_type": "expected a mapping of keys and values",
        "bool_type": "expected true or false",
        "string_too_short": "expected non-empty text",
    }
    if kind in simple:
        return f"{simple[kind]}, received {got}"
    if kind == "literal_error":
        return f"expected one of {ctx['expected']}, received {got}"
    if kind == "string_pattern_mismatch":
        return f"expected an id of lowercase letters a–z, digits and hyphens, like 'sosiaalinen-atomi', received {got}"
    if kind == "too_short":
        return f"expected at least {ctx['min_length']} item{'s' if ctx['min_length'] != 1 else ''}, received {len(received or [])}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"expected a number of at least {ctx.get('ge', ctx.get('gt'))}, received {got}"
    if kind in ("less_than_equal", "less_than"):
        return f"expected a number of at most {ctx.get('le', ctx.get('lt'))}, received {got}"
    if kind == "value_error":
        return str(ctx.get("error", detail["msg"]))
    if kind == "block_kind":
        keys = received if isinstance(received, dict) else {}
        hint = next((_did_you_mean(str(key), BLOCK_KEYS) for key in keys if _did_you_mean(str(key), BLOCK_KEYS)), "")
        return f"{detail['msg']}, received {got}{hint}"
    return f"{detail['msg']}, received {got}"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"{value!r} (a number)"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "a mapping with keys " + ", ".join(repr(str(k)) for k in list(value)[:4])
    return type(value).__name__


def _fields_at(model: type[BaseModel], loc: Path_) -> list[str]:
    """The keys the schema allows at `loc`, to suggest the nearest to a typo."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if _is_model(current) else None
        if info is None:
            return []
        current = _model_inside(info.annotation)
        if current is None:
            return []
    if not _is_model(current):
        return []
    return [info.alias or name for name, info in current.model_fields.items() if name != "id"]


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _model_inside(annotation: Any) -> Any:
    if _is_model(annotation):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_inside(arg)
        if found is not None:
            return found
    return None


# Unknown references in one file that get a "did you mean" suggestion; the rest are listed without one.
HINTS_PER_FILE = 50


def _did_you_mean(word: str, choices) -> str:
    import difflib  # only for error reports

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f": did you mean '{close[0]}'?" if close else ""


def _field(loc: Path_) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _attach(catalogue: Catalogue, item: Parsed, record: Record | Source, errors: list[ContentError]) -> None:
    bucket = catalogue.records[item.kind]
    if item.id in bucket:
        first = catalogue.files[(item.kind, item.id)]
        errors.append(
            ContentError(
                item.path,
                1,
                1,
                "id",
                f"expected a unique id, received '{item.id}' which {first} already uses: rename one of the files",
            )
        )
        return
    bucket[item.id] = record
    catalogue.files[(item.kind, item.id)] = item.path


# ---------------------------------------------------------------- cross-references


def _references(kind: str, data: dict):
    """Yield (path, target kind, id) for every reference a record's YAML makes."""
    for reference in KIND_BY_FOLDER[kind].references:
        for path, ref in reference.find(data):
            yield path, reference.target, ref


def _check_references(
    catalogue: Catalogue, parsed: dict[tuple[str, str], Parsed], existing: set[tuple[str, str]]
) -> list[ContentError]:
    errors = []
    ids: dict[str, list[str]] = {}
    # A file that exists but failed to load is already reported; referring to it is no new error.
    for (kind, _record_id), item in parsed.items():
        hints = 0
        for path, target, ref in _references(kind, item.data):
            if not isinstance(ref, str) or (target, ref) in existing:
                continue
            line, column = item.marks.of_value(path)
            if target not in ids:
                ids[target] = sorted(i for k, i in existing if k == target)
            # A suggestion compares the id with every id of the kind: a few per file are what a person
            # reads, and thousands of unknown ids in one file must not keep the check busy for seconds.
            hint = _did_you_mean(ref, ids[target]) if hints < HINTS_PER_FILE else ""
            hints += 1
            label = KIND_BY_FOLDER[target].folder[:-1]
            message = f"unknown {label} id '{ref}'{hint} (expected the name of a file in curriculum/{target}/)"
            errors.append(ContentError(item.path, line, column, _field(path), message))
    return errors


# ---------------------------------------------------------------- sessions


SESSION_PROBLEMS = {
    "over_end": (
        "end",
        "the blocks end at {finish}, expected them to fit before end {end}: shorten blocks or move the end",
    ),
    "fixed_passed": (
        "at",
        "fixed time {at} is already passed: the blocks before it end at {previous}; shorten them or move the time",
    ),
    "mode": ("method", "method '{title}' does not suit mode '{mode}': pick a method for this mode or change the mode"),
    "group_size": (
        "method",
        "method '{title}' suits groups of {min}–{max}, the template has {size}: change the method or group_size",
    ),
    "minutes_range": ("minutes", "expected minutes within the method's duration {min}–{max}, received {minutes}"),
    "intense_last": (
        "method",
        "the template ends with the high-intensity method '{title}': add a calmer closing block after it",
    ),
    "intense_no_calm": (
        "method",
        "the high-intensity method '{title}' is followed by another high-intensity block: put a calmer block between them",
    ),
    "intense_no_debrief": (
        "method",
        "the high-intensity method '{title}' has no debrief before the day ends or the next high-intensity method: add a method with roles [purku] or an activity with debrief: true",
    ),
    "no_opening": ("blocks", "expected an opening block (a method or activity with phase 'aloitus'), received none"),
    "no_closing": ("blocks", "expected a closing block (a method or activity with phase 'lopetus'), received none"),
}


def _check_sessions(catalogue: Catalogue, parsed: dict[tuple[str, str], Parsed]) -> list[ContentError]:
    errors = []
    facts = {method_id: facts_from_method(method) for method_id, method in catalogue.methods.items()}
    for session_id, session in catalogue.sessions.items():
        item = parsed[("sessions", session_id)]
        plan = session_plan(session)
        if any(b.get("method") not in facts for b in plan["blocks"] if "method" in b):
            continue  # already reported as an unknown reference
        for warning in schedule(plan, facts).warnings:
            key, template = SESSION_PROBLEMS[warning.code]
            path = ("blocks", warning.block, key) if warning.block is not None else (key,)
            line, column = item.marks.of_value(path)
            field_path = path if warning.block is not None or key != "blocks" else ("blocks",)
            errors.append(ContentError(item.path, line, column, _field(field_path), template.format(**warning.params)))
    return errors
