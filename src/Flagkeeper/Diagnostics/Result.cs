namespace Flagkeeper.Diagnostics;

/// <summary>
/// A value, or the expected problems (bad input, missing files, git failures) that kept it from being made. Expected
/// problems travel as values up to the command line, which prints them; exceptions are left to programming errors.
/// </summary>
#pragma warning disable CA1000 // Result<T>.Success/Failure read better than a separate factory class.
public readonly record struct Result<T>
{
    private readonly T? _value;
    private readonly IReadOnlyList<FlagkeeperError>? _errors;

    private Result(T? value, IReadOnlyList<FlagkeeperError>? errors) => (_value, _errors) = (value, errors);

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(params IReadOnlyList<FlagkeeperError> errors) =>
        errors.Count > 0 ? new(default, errors) : throw new ArgumentException("a failure needs at least one error", nameof(errors));

    public bool Failed => _errors is not null;

    /// <summary>Empty on success.</summary>
    public IReadOnlyList<FlagkeeperError> Errors => _errors ?? [];

    /// <summary>The value; asking for it on a failure is a programming error.</summary>
    public T Value => _errors is null ? _value! : throw new InvalidOperationException($"no value: {string.Join("; ", _errors)}");

    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(FlagkeeperError error) => Failure(error);

    /// <summary>This value passed on to <paramref name="next"/>, or these errors.</summary>
    public Result<TNext> Then<TNext>(Func<T, Result<TNext>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return _errors is null ? next(_value!) : Result<TNext>.Failure(_errors);
    }
}
#pragma warning restore CA1000
