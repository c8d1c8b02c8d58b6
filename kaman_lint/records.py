"""`dataclass`, made when first used (issue 13, target 3).

`dataclasses.dataclass` compiles a class's `__init__`, `__repr__`, `__eq__`, ... from source
text when its module is imported: 1-2 ms CPU a class here, ~60 ms for the 24 classes a short run
imports, most of which (history's commit records, KAM002's template facts, suppressions) a
5-file commit or an editor's buffer never makes. `dataclass(...)` here takes what the real one
takes and hands the class back unchanged but for stand-ins of the methods the real decorator
would add; the first call of any of them (the first instance, mostly) applies the real
decorator to the class, in place, then answers as the generated method does (but see below for
`__init__`, a frozen record's `__hash__` and `replace`). From then on
the class is exactly the dataclass it would have been: the stand-ins are gone, a hot loop pays
nothing. `dataclasses.fields`, `replace` and `is_dataclass` make the class too (through
`__dataclass_fields__`), and so does an instance that arrived by unpickling.

Making a class costs ~4M instructions (the decorator compiles up to ten methods), and the nine a
5-file commit uses cost it a tenth of its run although it only ever builds their instances. So
the stand-in `__init__` of a plain class (fields from its own annotations, no base with fields,
no `InitVar`, `ClassVar`, `KW_ONLY`, `init=False` or `kw_only` field) builds an instance as the
generated one would (arguments bound by field order, defaults and factories, `__post_init__`;
frozen fields through `object.__setattr__`) without making the class; its `MAKE_AFTER`-th
instance gives the class an `__init__` compiled here from the source text the decorator writes,
so a long run's hot records soon run code as fast as the generated one, still without importing
`dataclasses` (each pool worker of a scan of the small benchmark corpus imported it, with
`inspect` and `dis`, only because it had built 200 binary-file notices). A frozen plain
record's `__hash__` (a dict key) and `replace` here (`dataclasses.replace`, which would make
it) do as the generated code does too; any other method makes the class first.

So a short run that makes no record does not import `dataclasses` either (with `inspect`, which
it imports, ~6% of a 5-file commit's instructions): a record's class body takes `field(...)`
from here, the arguments of a `dataclasses.field(...)` that the class gets when it is made.

tests/test_records.py checks each class of the package against the real decorator.
"""

from __future__ import annotations

from _thread import RLock  # what threading.RLock is, without importing threading

_FIELDS = "__dataclass_fields__"
_lock = RLock()  # an editor server may make its first instances from two threads
pending: dict[type, dict] = {}  # class -> the decorator's arguments, until it is made
decorated: list[type] = []  # every class, made or not, for tests/test_records.py
_stubs: dict[type, tuple[str, ...]] = {}
# Instances a class builds through the stand-in `__init__` before the next one makes it: the
# generated `__init__` is several times faster, and making costs ~1-2 ms.
MAKE_AFTER = 200
_plain_inits: dict[type, _PlainInit] = {}


def dataclass(cls: type | None = None, /, **params):
    """`dataclasses.dataclass`, applied when the class is first used (module constants only)."""
    if cls is None:
        return lambda c: dataclass(c, **params)
    pending[cls] = params
    decorated.append(cls)
    names = _generated(cls, params)
    for name in names:
        setattr(cls, name, _stand_in(cls, name))
    setattr(cls, _FIELDS, _Fields(cls))
    _stubs[cls] = names
    return cls


def make(cls: type) -> type:
    """Apply the real decorator to `cls` (and first to its pending bases), once."""
    with _lock:
        for base in reversed(cls.__mro__[1:]):
            if base in pending:
                make(base)
        params = pending.pop(cls, None)
        if params is not None:
            import dataclasses

            for name in _stubs.pop(cls) + (_FIELDS,):
                delattr(cls, name)
            for name, value in list(cls.__dict__.items()):
                if type(value) is FieldArguments:
                    setattr(cls, name, dataclasses.field(**value.arguments))
            made = dataclasses.dataclass(cls, **params)
            assert made is cls  # no slots: the class is changed in place
    return cls


def make_all() -> None:
    for cls in list(pending):
        make(cls)


def _generated(cls: type, params: dict) -> tuple[str, ...]:
    """The methods the real decorator may add, less those the class defines itself."""
    names = ["__init__", "__repr__", "__eq__", "__hash__"]
    if params.get("order"):
        names += ["__lt__", "__le__", "__gt__", "__ge__"]
    if params.get("frozen"):
        names += ["__setattr__", "__delattr__"]
    own = cls.__dict__
    # `__hash__` is in a class's own dict when it defines `__eq__` (then None) or `__hash__`
    return tuple(n for n in names if n not in own)


def _stand_in(cls: type, name: str):
    if name == "__init__":
        return _stand_in_init(cls)
    if name == "__hash__" and pending[cls].get("frozen") and pending[cls].get("eq", True):
        return _stand_in_hash(cls)

    def stand_in(self, *args, **kwargs):
        make(cls)
        method = getattr(cls, name)
        if method is None:  # `__hash__` of a mutable dataclass
            raise TypeError(f"unhashable type: {cls.__name__!r}")
        return method(self, *args, **kwargs)

    stand_in.__name__ = name
    stand_in.__qualname__ = f"{cls.__qualname__}.{name}"
    return stand_in


def _stand_in_init(cls: type):
    def __init__(self, *args, **kwargs):
        plain = _plain(cls)
        if plain is None:
            make(cls)
            cls.__init__(self, *args, **kwargs)
        elif plain.built >= MAKE_AFTER:
            _compile_init(cls, plain, __init__)
            cls.__init__(self, *args, **kwargs)
        else:
            plain.build(self, args, kwargs)

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return __init__


def _compile_init(cls: type, plain: _PlainInit, stand_in) -> None:
    """Give a plain class the `__init__` its dataclass would have, compiled here, in place of
    the stand-in; or, when the source cannot be written, make the class."""
    with _lock:
        if cls not in pending or cls.__dict__.get("__init__") is not stand_in:
            return  # made, or compiled, meanwhile
        compiled = plain.compiled()
        if compiled is None:
            make(cls)
        else:
            cls.__init__ = compiled


def _stand_in_hash(cls: type):
    """A frozen record's `__hash__`, as generated: of its compared fields, in order (a record
    in a set or a dict key, as KAM003's occurrences are, need not make the class)."""
    def __hash__(self):
        plain = _plain(cls)
        if plain is None:
            make(cls)
            return cls.__hash__(self)
        return hash(tuple([getattr(self, name) for name in plain.hashed]))

    __hash__.__qualname__ = f"{cls.__qualname__}.__hash__"
    return __hash__


def field(**arguments) -> FieldArguments:
    """`dataclasses.field(**arguments)` in a record's class body (only there)."""
    return FieldArguments(arguments)


class FieldArguments:
    """The arguments of a record's `dataclasses.field(...)`, until its class is made."""

    __slots__ = ("arguments",)

    def __init__(self, arguments: dict) -> None:
        self.arguments = arguments


def replace(obj, /, **changes):
    """`dataclasses.replace`, which for a record not yet made does not make it."""
    plain = _plain(type(obj))
    if plain is None:
        import dataclasses

        return dataclasses.replace(obj, **changes)
    for name in plain.names:
        if name not in changes:
            changes[name] = getattr(obj, name)
    return type(obj)(**changes)


def _plain(cls: type) -> _PlainInit | None:
    """What builds `cls`'s instances without making it, when `cls` is pending and plain."""
    plain = _plain_inits.get(cls)
    if plain is None and cls in pending:
        plain = _plain_inits[cls] = _PlainInit.of(cls) or _NOT_PLAIN_CLASS
    return plain if plain is not _NOT_PLAIN_CLASS and cls in pending else None


class _PlainInit:
    """The generated `__init__` of a plain class, done by hand (module docstring)."""

    def __init__(self, cls: type, names: tuple[str, ...], defaults: dict, factories: dict, frozen: bool,
                 hashed: tuple[str, ...]) -> None:
        self.cls = cls
        self.names = names
        self.hashed = hashed  # the fields the generated `__hash__` hashes
        self.defaults = defaults  # name -> default value
        self.factories = factories  # name -> default_factory
        self.set = object.__setattr__ if frozen else setattr
        self.post_init = getattr(cls, "__post_init__", None)
        self.built = 0

    @classmethod
    def of(cls, record: type) -> _PlainInit | None:
        """None when `record` is not plain: then only the real decorator knows its `__init__`."""
        if any("__annotations__" in base.__dict__ or _FIELDS in base.__dict__ for base in record.__mro__[1:]):
            return None
        names, defaults, factories, hashed = [], {}, {}, []
        for name, annotation in record.__dict__.get("__annotations__", {}).items():
            if not isinstance(annotation, str) or any(word in annotation for word in _NOT_PLAIN):
                return None
            value = record.__dict__.get(name, _NO_DEFAULT)
            if type(value) is FieldArguments:
                arguments = value.arguments
                if not arguments.get("init", True) or arguments.get("kw_only") is True:
                    return None
                if arguments.get("compare", True) if arguments.get("hash") is None else arguments["hash"]:
                    hashed.append(name)
                if "default" in arguments:
                    defaults[name] = arguments["default"]
                elif "default_factory" in arguments:
                    factories[name] = arguments["default_factory"]
            elif type(value).__module__ == "dataclasses":  # a real `dataclasses.field()`
                return None
            else:
                hashed.append(name)
                if value is not _NO_DEFAULT:
                    defaults[name] = value
            names.append(name)
        params = pending[record]
        if params.get("init") is False or params.get("kw_only") or params.get("slots") or params.get("unsafe_hash"):
            return None
        return cls(record, tuple(names), defaults, factories, bool(params.get("frozen")), tuple(hashed))

    def compiled(self):
        """The generated `__init__`, from the same source text as `dataclasses` writes it, or
        None for a field list it would refuse (a field without default after one with) or whose
        names clash with the helpers'."""
        names = self.names
        if any(name.startswith("__records_") or name == "self" for name in names):
            return None
        frozen = self.set is not setattr
        scope = {"__records_set__": self.set, "__records_factory__": _HAS_FACTORY}
        parameters, lines = ["self"], []
        for name in names:
            value = name
            if name in self.defaults:
                scope[f"__records_default_{name}__"] = self.defaults[name]
                parameters.append(f"{name}=__records_default_{name}__")
            elif name in self.factories:
                scope[f"__records_make_{name}__"] = self.factories[name]
                parameters.append(f"{name}=__records_factory__")
                value = f"__records_make_{name}__() if {name} is __records_factory__ else {name}"
            else:
                parameters.append(name)
            lines.append(f"__records_set__(self, {name!r}, {value})" if frozen else f"self.{name} = {value}")
        if self.post_init is not None:
            lines.append("self.__post_init__()")
        source = f"def __init__({', '.join(parameters)}):\n" + "".join(f"    {line}\n" for line in lines or ["pass"])
        try:
            exec(compile(source, f"<records: {self.cls.__qualname__}.__init__>", "exec"), scope)
        except SyntaxError:
            return None
        function = scope["__init__"]
        function.__qualname__ = f"{self.cls.__qualname__}.__init__"
        return function

    def build(self, instance, args: tuple, kwargs: dict) -> None:
        names = self.names
        if len(args) > len(names):
            raise TypeError(f"{self.cls.__qualname__}.__init__() takes {len(names) + 1} positional arguments "
                            f"but {len(args) + 1} were given")
        values = dict(zip(names, args))
        for name, value in kwargs.items():
            if name not in names:
                raise TypeError(f"{self.cls.__qualname__}.__init__() got an unexpected keyword argument {name!r}")
            if name in values:
                raise TypeError(f"{self.cls.__qualname__}.__init__() got multiple values for argument {name!r}")
            values[name] = value
        put = self.set
        for name in names:
            if name in values:
                put(instance, name, values[name])
            elif name in self.defaults:
                put(instance, name, self.defaults[name])
            elif name in self.factories:
                put(instance, name, self.factories[name]())
            else:
                raise TypeError(f"{self.cls.__qualname__}.__init__() missing 1 required positional argument: {name!r}")
        self.built += 1
        if self.post_init is not None:
            self.post_init(instance)


_NO_DEFAULT = object()
_HAS_FACTORY = object()  # a compiled `__init__`'s default for a field with a default factory
_NOT_PLAIN_CLASS = object()  # in _plain_inits: asked, and only the real decorator knows it
# Annotations whose fields the generated `__init__` treats otherwise (or leaves out)
_NOT_PLAIN = ("ClassVar", "InitVar", "KW_ONLY")


class _Fields:
    """`cls.__dataclass_fields__` before the class is made: makes it, then answers."""

    def __init__(self, cls: type) -> None:
        self.cls = cls

    def __get__(self, instance, owner=None):
        make(self.cls)
        return getattr(self.cls, _FIELDS)
