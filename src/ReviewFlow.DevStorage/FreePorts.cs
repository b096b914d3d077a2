using System.Net;
using System.Net.Sockets;

namespace ReviewFlow.DevStorage;

/// <summary>Asks the OS for unused loopback ports, so parallel test processes never fight over 10000-10002.</summary>
internal static class FreePorts
{
    /// <summary>
    /// Picks three distinct free ports. All three listeners are held open together before releasing,
    /// so the OS cannot hand the same port out twice within one allocation. Another process can still
    /// grab a port after release; the launcher retries when that happens.
    /// </summary>
    public static AzuritePorts Allocate()
    {
        TcpListener[] listeners = new TcpListener[3];
        try
        {
            int[] ports = new int[listeners.Length];
            for (int i = 0; i < listeners.Length; i++)
            {
                listeners[i] = new TcpListener(IPAddress.Loopback, 0);
                listeners[i].Start();
                ports[i] = ((IPEndPoint)listeners[i].LocalEndpoint).Port;
            }

            return new AzuritePorts(ports[0], ports[1], ports[2]);
        }
        finally
        {
            foreach (TcpListener? listener in listeners)
            {
                listener?.Stop();
            }
        }
    }
}
