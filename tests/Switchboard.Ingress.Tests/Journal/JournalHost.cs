using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Core.Phones;
using Switchboard.Interactions;
using Switchboard.Interactions.Assembly;
using Switchboard.Interactions.Journal;
using Switchboard.Storage;
using Switchboard.Storage.Migrations;
using Switchboard.Storage.Stores;

namespace Switchboard.Ingress.Tests.Journal;

/// <summary>What a hub process runs of the journal: its storage, the journal and its assembler, started; stopped on dispose.</summary>
internal sealed class JournalHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly bool _started;

    private JournalHost(ServiceProvider services, bool started)
    {
        _started = started;
        _services = services;
        Journal = services.GetRequiredService<EventJournal>();
    }

    public EventJournal Journal { get; }

    public InteractionStore Interactions => _services.GetRequiredService<InteractionStore>();

    public InteractionAssembler Assembler => _services.GetRequiredService<InteractionAssembler>();

    public IStorageProvider Storage => _services.GetRequiredService<IStorageProvider>();

    /// <summary>Whether the call's interaction appears within 10 s (assembly runs on its own schedule).</summary>
    public async Task<bool> FoldedAsync(string callId)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(20))
        {
            if (await Interactions.FindByCallIdAsync(callId, CancellationToken.None) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <param name="startJournal">False: the schema only, for a test that writes the journal's rows itself.</param>
    public static async Task<JournalHost> StartAsync(StorageOptions storage, TimeProvider clock, EventJournalOptions? options = null, bool startJournal = true)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(clock);
        services.AddSingleton(new PhoneNormalizer("US"));
        services.AddSwitchboardStorage(storage);
        services.AddSwitchboardInteractions(options);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<SchemaMigrator>().MigrateAsync(CancellationToken.None);
        var host = new JournalHost(provider, startJournal);
        if (startJournal)
        {
            await host.Journal.StartAsync(CancellationToken.None);
        }

        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await Journal.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }
}
