using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Nlset.Classification.Models.PyTorch;

/// <summary>
/// Reads one Python pickle (protocols 0–5, the opcodes data pickles use) from a stream into plain .NET values, without
/// executing anything: int → long (BigInteger beyond 64 bits), float → double, str → string, bytes → byte[], None → null,
/// tuple → object?[], list → List&lt;object?&gt;, dict and OrderedDict → Dictionary&lt;object, object?&gt; (insertion order),
/// set → HashSet&lt;object&gt;. Classes and functions become <see cref="PythonGlobal"/>s; a call (REDUCE, NEWOBJ) goes to
/// <see cref="Call"/>, which a subclass overrides for the callables it knows (torch's tensor rebuilders) and which
/// otherwise gives a <see cref="PythonObject"/>. Persistent ids (how torch.save points at storages) go to
/// <see cref="PersistentLoad"/>. The stream is left just after the STOP opcode, so several pickles can follow one another
/// (PyTorch's legacy format). A truncated stream throws <see cref="EndOfStreamException"/>, anything else malformed
/// <see cref="InvalidDataException"/>.
/// </summary>
public class PickleReader(Stream stream)
{
    static readonly object Mark = new();
    readonly Stream _stream = stream;
    readonly List<object?> _stack = new();
    readonly List<int> _marks = new();
    readonly Dictionary<long, object?> _memo = new();

    /// <summary>The object a persistent id stands for; by default an error (plain pickles have none).</summary>
    protected virtual object? PersistentLoad(object? id) =>
        throw new InvalidDataException($"persistent id {Describe(id)} in a pickle that should have none");

    /// <summary>The result of calling <paramref name="callable"/> with <paramref name="arguments"/>: the builtins data
    /// pickles use; anything else is kept as a <see cref="PythonObject"/>.</summary>
    protected virtual object? Call(PythonGlobal callable, object?[] arguments)
    {
        switch (callable.Module, callable.Name)
        {
            case ("collections", "OrderedDict"):
                var dict = new Dictionary<object, object?>();
                if (arguments is [List<object?> pairs])
                    foreach (var pair in pairs)
                        if (pair is object?[] { Length: 2 } kv) dict[Key(kv[0])] = kv[1];
                return dict;
            case ("_codecs", "encode") when arguments is [string text, string]:
                return Encoding.Latin1.GetBytes(text);     // protocol 2 writes bytes as _codecs.encode(str, 'latin1')
            case ("builtins" or "__builtin__", "set" or "frozenset"):
                var set = new HashSet<object>();
                if (arguments is [List<object?> items]) foreach (var item in items) set.Add(Key(item));
                return set;
            case ("builtins" or "__builtin__", "bytearray") when arguments is [] or [byte[]]:
                return arguments is [byte[] b] ? b : Array.Empty<byte>();
            default:
                return new PythonObject(callable, arguments);
        }
    }

    /// <summary>Reads up to and including the next STOP and returns the pickled object.</summary>
    public object? Load()
    {
        _stack.Clear();
        _marks.Clear();
        _memo.Clear();
        while (true)
        {
            var op = ReadByte();
            switch (op)
            {
                case 0x80: ReadByte(); break;                                    // PROTO
                case 0x95: ReadExactly(8); break;                                // FRAME (a length hint)
                case (byte)'.':                                                  // STOP
                    if (_stack.Count != 1) throw new InvalidDataException($"pickle stops with {_stack.Count} values on the stack");
                    return _stack[0];
                case (byte)'(': _marks.Add(_stack.Count); break;                 // MARK
                case (byte)'0': Pop(); break;                                    // POP
                case (byte)'1': PopMark(); break;                                // POP_MARK
                case (byte)'2': Push(Peek()); break;                             // DUP
                case (byte)'N': Push(null); break;
                case 0x88: Push(true); break;
                case 0x89: Push(false); break;
                case (byte)'J': Push((long)BinaryPrimitives.ReadInt32LittleEndian(ReadExactly(4))); break;
                case (byte)'K': Push((long)ReadByte()); break;
                case (byte)'M': Push((long)BinaryPrimitives.ReadUInt16LittleEndian(ReadExactly(2))); break;
                case 0x8a: Push(Integer(ReadExactly(ReadByte()))); break;        // LONG1
                case 0x8b: Push(Integer(ReadExactly(Length(BinaryPrimitives.ReadInt32LittleEndian(ReadExactly(4)))))); break;
                case (byte)'I': Push(TextInteger(ReadLine())); break;            // INT (I01/I00 are bools)
                case (byte)'L': Push(TextLong(ReadLine())); break;               // LONG
                case (byte)'G': Push(BinaryPrimitives.ReadDoubleBigEndian(ReadExactly(8))); break;
                case (byte)'F': Push(double.Parse(ReadLine(), CultureInfo.InvariantCulture)); break;
                case (byte)'X': Push(Encoding.UTF8.GetString(ReadExactly(Length(BinaryPrimitives.ReadUInt32LittleEndian(ReadExactly(4)))))); break;
                case 0x8c: Push(Encoding.UTF8.GetString(ReadExactly(ReadByte()))); break;
                case 0x8d: Push(Encoding.UTF8.GetString(ReadExactly(Length(BinaryPrimitives.ReadInt64LittleEndian(ReadExactly(8)))))); break;
                case (byte)'V': Push(ReadLine()); break;                         // UNICODE (raw-unicode-escape; ASCII names in practice)
                case (byte)'U': Push(Encoding.Latin1.GetString(ReadExactly(ReadByte()))); break;                 // SHORT_BINSTRING
                case (byte)'T': Push(Encoding.Latin1.GetString(ReadExactly(Length(BinaryPrimitives.ReadInt32LittleEndian(ReadExactly(4)))))); break;
                case (byte)'C': Push(ReadExactly(ReadByte())); break;            // SHORT_BINBYTES
                case (byte)'B': Push(ReadExactly(Length(BinaryPrimitives.ReadUInt32LittleEndian(ReadExactly(4))))); break;
                case 0x8e or 0x96: Push(ReadExactly(Length(BinaryPrimitives.ReadInt64LittleEndian(ReadExactly(8))))); break;
                case (byte)')': Push(Array.Empty<object?>()); break;
                case (byte)'t': Push(PopMark().ToArray()); break;
                case 0x85: { var a = Pop(); Push(new[] { a }); break; }
                case 0x86: { var b = Pop(); var a = Pop(); Push(new[] { a, b }); break; }
                case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); Push(new[] { a, b, c }); break; }
                case (byte)']': Push(new List<object?>()); break;
                case (byte)'l': Push(PopMark()); break;
                case (byte)'a': { var item = Pop(); ListAt().Add(item); break; }
                case (byte)'e': { var items = PopMark(); ListAt().AddRange(items); break; }
                case (byte)'}': Push(new Dictionary<object, object?>()); break;
                case (byte)'d': { var dict = new Dictionary<object, object?>(); SetItems(dict, PopMark()); Push(dict); break; }
                case (byte)'s': { var value = Pop(); var key = Pop(); DictAt()[Key(key)] = value; break; }
                case (byte)'u': { var items = PopMark(); SetItems(DictAt(), items); break; }
                case 0x8f: Push(new HashSet<object>()); break;
                case 0x90: { var items = PopMark(); var set = Peek() as HashSet<object> ?? throw Malformed("ADDITEMS without a set"); foreach (var i in items) set.Add(Key(i)); break; }
                case 0x91: Push(new HashSet<object>(PopMark().Select(Key))); break;
                case (byte)'c': { var module = ReadLine(); var name = ReadLine(); Push(new PythonGlobal(module, name)); break; }
                case 0x93: { var name = Pop() as string; var module = Pop() as string; Push(new PythonGlobal(module ?? throw Malformed("STACK_GLOBAL without a module name"), name ?? throw Malformed("STACK_GLOBAL without a name"))); break; }
                case (byte)'R': { var args = Pop() as object?[] ?? throw Malformed("REDUCE without an argument tuple"); Push(Call(Callable(Pop()), args)); break; }
                case 0x81: { var args = Pop() as object?[] ?? throw Malformed("NEWOBJ without an argument tuple"); Push(Call(Callable(Pop()), args)); break; }
                case 0x92: { Pop(); var args = Pop() as object?[] ?? throw Malformed("NEWOBJ_EX without an argument tuple"); Push(Call(Callable(Pop()), args)); break; }
                case (byte)'b': Build(Pop(), Peek()); break;
                case (byte)'q': _memo[ReadByte()] = Peek(); break;               // BINPUT
                case (byte)'r': _memo[BinaryPrimitives.ReadUInt32LittleEndian(ReadExactly(4))] = Peek(); break;
                case (byte)'p': _memo[long.Parse(ReadLine(), CultureInfo.InvariantCulture)] = Peek(); break;
                case 0x94: _memo[_memo.Count] = Peek(); break;                   // MEMOIZE
                case (byte)'h': Push(Memo(ReadByte())); break;                   // BINGET
                case (byte)'j': Push(Memo(BinaryPrimitives.ReadUInt32LittleEndian(ReadExactly(4)))); break;
                case (byte)'g': Push(Memo(long.Parse(ReadLine(), CultureInfo.InvariantCulture))); break;
                case (byte)'Q': Push(PersistentLoad(Pop())); break;              // BINPERSID
                case (byte)'P': Push(PersistentLoad(ReadLine())); break;         // PERSID
                default: throw Malformed($"unsupported pickle opcode 0x{op:x2} at byte {_stream.Position - 1}");
            }
        }
    }

    static string Describe(object? value) => value switch
    {
        null => "None",
        object?[] tuple => "(" + string.Join(", ", tuple.Select(Describe)) + ")",
        string s => $"'{s}'",
        _ => value.ToString() ?? value.GetType().Name,
    };

    static InvalidDataException Malformed(string message) => new(message);

    static PythonGlobal Callable(object? value) => value as PythonGlobal ?? throw Malformed($"a call of {Describe(value)}, which is not a class or function");

    /// <summary>BUILD: state for an object. Kept on <see cref="PythonObject"/>s; an OrderedDict's state (state_dict's
    /// _metadata attribute) and anything else is dropped.</summary>
    static void Build(object? state, object? target)
    {
        if (target is PythonObject o) o.State = state;
    }

    static object Key(object? key) => key ?? throw Malformed("None as a dict key");

    static void SetItems(Dictionary<object, object?> dict, List<object?> items)
    {
        if (items.Count % 2 != 0) throw Malformed("SETITEMS with an odd number of values");
        for (var i = 0; i < items.Count; i += 2) dict[Key(items[i])] = items[i + 1];
    }

    static object Integer(byte[] littleEndian) =>
        littleEndian.Length <= 8
            ? littleEndian.Length == 0 ? 0L : (long)new BigInteger(littleEndian, isUnsigned: false, isBigEndian: false)
            : new BigInteger(littleEndian, isUnsigned: false, isBigEndian: false);

    static object TextInteger(string text) => text switch
    {
        "01" => true,
        "00" => false,
        _ => long.Parse(text, CultureInfo.InvariantCulture),
    };

    static object TextLong(string text)
    {
        var value = BigInteger.Parse(text.TrimEnd('L'), CultureInfo.InvariantCulture);
        return value >= long.MinValue && value <= long.MaxValue ? (long)value : value;
    }

    static int Length(long length) =>
        length is >= 0 and <= int.MaxValue ? (int)length : throw Malformed($"a string or bytes length of {length}");

    object? Memo(long key) => _memo.TryGetValue(key, out var value) ? value : throw Malformed($"memo key {key} used before it was set");

    List<object?> ListAt() => Peek() as List<object?> ?? throw Malformed("APPEND to something that is not a list");

    Dictionary<object, object?> DictAt() => Peek() as Dictionary<object, object?> ?? throw Malformed("SETITEM on something that is not a dict");

    void Push(object? value) => _stack.Add(value);

    object? Peek() => _stack.Count > 0 ? _stack[^1] : throw Malformed("empty stack");

    object? Pop()
    {
        if (_stack.Count == 0 || (_marks.Count > 0 && _marks[^1] == _stack.Count)) throw Malformed("pop below a mark or from an empty stack");
        var value = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    List<object?> PopMark()
    {
        if (_marks.Count == 0) throw Malformed("no mark on the stack");
        var start = _marks[^1];
        _marks.RemoveAt(_marks.Count - 1);
        var items = _stack.GetRange(start, _stack.Count - start);
        _stack.RemoveRange(start, _stack.Count - start);
        return items;
    }

    byte ReadByte()
    {
        var b = _stream.ReadByte();
        return b >= 0 ? (byte)b : throw new EndOfStreamException("the pickle ends before its STOP opcode");
    }

    byte[] ReadExactly(int count)
    {
        var buffer = new byte[count];
        try { _stream.ReadExactly(buffer); }
        catch (EndOfStreamException) { throw new EndOfStreamException("the pickle ends before its STOP opcode"); }
        return buffer;
    }

    string ReadLine()
    {
        var bytes = new List<byte>();
        for (var b = ReadByte(); b != (byte)'\n'; b = ReadByte()) bytes.Add(b);
        if (bytes.Count > 0 && bytes[^1] == (byte)'\r') bytes.RemoveAt(bytes.Count - 1);
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
