using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace RagPlatform.Storage;

/// <summary>Stores a <see cref="DateTimeOffset"/> as its UTC ticks, so that ordering works on every provider; reads back in UTC.</summary>
public sealed class UtcTicksConverter()
    : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
