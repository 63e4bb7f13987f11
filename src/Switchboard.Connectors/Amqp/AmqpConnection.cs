using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Switchboard.Configuration;

namespace Switchboard.Connectors.Amqp;

/// <summary>
/// The connector's one connection to the broker: opened on first use (after the address checks),
/// then shared by every call. RabbitMQ.Client's automatic recovery reconnects it, and re-registers
/// consumers, after the broker or the network drops it. A failed first connect is not cached, so the
/// next call tries again.
/// </summary>
internal sealed class AmqpConnection(SystemDefinition system) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile IConnection? _connection;
    private bool _disposed;

    public async Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } open)
        {
            return open;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connection is { } opened)
            {
                return opened;
            }

            var address = system.AddressUri is { Scheme: "amqp" or "amqps" } uri
                ? uri
                : throw new AmqpConnectException(ConnectorFailureKind.Configuration,
                    $"the address '{system.Address}' is not an amqp:// or amqps:// URI");
            var addresses = await AmqpAddressGuard.CheckAsync(system, address, cancellationToken);
            var factory = Factory(address);
            var endpoints = addresses.Select(ip => new AmqpTcpEndpoint(ip.ToString(), factory.Port, factory.Ssl)).ToList();
            try
            {
                _connection = await factory.CreateConnectionAsync(endpoints, cancellationToken);
            }
            catch (BrokerUnreachableException ex)
            {
                var auth = Find<AuthenticationFailureException>(ex);
                throw auth is not null
                    ? new AmqpConnectException(ConnectorFailureKind.Authentication, $"the broker refused the credentials: {auth.Message}", ex)
                    : new AmqpConnectException(ConnectorFailureKind.Transport,
                        $"the broker at {address.Host}:{address.Port} cannot be reached: {Innermost(ex).Message}", ex);
            }

            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _disposed = true;
            if (_connection is { } connection)
            {
                _connection = null;
                await connection.CloseAsync();
                await connection.DisposeAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private ConnectionFactory Factory(Uri address)
    {
        var factory = new ConnectionFactory
        {
            // Sets host, port, virtual host, TLS for amqps, and the user name and password in the userinfo, if any.
            Uri = address,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(2),
            ClientProvidedName = $"switchboard:{system.Name}",
            RequestedConnectionTimeout = system.Timeouts.Request,
            ContinuationTimeout = system.Timeouts.Request,
            HandshakeContinuationTimeout = system.Timeouts.Request,
        };

        switch (system.Auth.Type)
        {
            case AuthType.None:
                break;
            case AuthType.Basic:
                factory.UserName = system.Auth.Username ?? "";
                try
                {
                    factory.Password = system.Auth.Password?.Resolve() ?? "";
                }
                catch (InvalidOperationException ex)
                {
                    throw new AmqpConnectException(ConnectorFailureKind.Configuration, ex.Message, ex);
                }

                break;
            default:
                throw new AmqpConnectException(ConnectorFailureKind.Configuration,
                    $"auth type {system.Auth.Type} is not supported for AMQP; use basic, or a user name and password in the address");
        }

        if (factory.Ssl.Enabled)
        {
            factory.Ssl.ServerName = address.IdnHost;
            if (system.Tls.InsecureSkipVerify)
            {
                factory.Ssl.AcceptablePolicyErrors = SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch;
            }
            else if (system.Tls.CaCertificate is { } caFile)
            {
                var authorities = new X509Certificate2Collection();
                authorities.ImportFromPemFile(caFile);
                factory.Ssl.CertificateValidationCallback = (_, certificate, _, errors) => TrustedByPrivateCa(certificate, errors, authorities);
            }
        }

        return factory;
    }

    private static bool TrustedByPrivateCa(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = new X509Certificate2(certificate);
        return chain.Build(server);
    }

    private static T? Find<T>(Exception ex)
        where T : Exception
    {
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Select(Find<T>).FirstOrDefault(e => e is not null) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is { } inner)
        {
            ex = inner;
        }

        return ex;
    }
}
