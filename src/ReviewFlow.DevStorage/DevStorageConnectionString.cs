using System.Globalization;

namespace ReviewFlow.DevStorage;

/// <summary>Builds the storage connection string for an Azurite instance on given ports.</summary>
internal static class DevStorageConnectionString
{
    private const string AccountName = "devstoreaccount1";

    // Azurite's fixed development account key. It is published in Azure's docs and only opens a
    // local emulator, so it is not a secret.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static string For(AzuritePorts ports) => string.Create(
        CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};"
        + $"BlobEndpoint=http://127.0.0.1:{ports.Blob}/{AccountName};"
        + $"QueueEndpoint=http://127.0.0.1:{ports.Queue}/{AccountName};"
        + $"TableEndpoint=http://127.0.0.1:{ports.Table}/{AccountName};");
}
