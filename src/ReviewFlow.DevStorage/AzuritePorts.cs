namespace ReviewFlow.DevStorage;

/// <summary>The three ports one Azurite instance listens on.</summary>
internal readonly record struct AzuritePorts(int Blob, int Queue, int Table)
{
    public IEnumerable<(string Service, int Port)> All => [("blob", Blob), ("queue", Queue), ("table", Table)];

    public override string ToString() => $"blob {Blob}, queue {Queue}, table {Table}";
}
