using System.Buffers;
using Newtonsoft.Json;

namespace Switchboard.Mapping.Responses;

/// <summary>Newtonsoft's reader borrows its character buffers from the shared pool instead of allocating them for every body.</summary>
internal sealed class SharedCharPool : IArrayPool<char>
{
    public static readonly SharedCharPool Instance = new();

    public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

    public void Return(char[]? array)
    {
        if (array is not null)
        {
            ArrayPool<char>.Shared.Return(array);
        }
    }
}
