using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchboard.Interactions.Assembly;
using Switchboard.Interactions.Journal;
using Switchboard.Storage.Migrations;

namespace Switchboard.Interactions;

public static class InteractionsServiceCollectionExtensions
{
    /// <summary>The event journal (the <see cref="IEventIngest"/> every ingress uses) and the assembler that folds it into interactions, and the retention that forgets folded rows past the age a resend is still accepted. Needs a <c>PhoneNormalizer</c>.</summary>
    public static IServiceCollection AddSwitchboardInteractions(this IServiceCollection services, EventJournalOptions? options = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options ?? new EventJournalOptions());
        services.AddSingleton<IMigrationSource, JournalSchema>();
        services.AddSingleton<EventJournal>();
        services.AddSingleton<IEventIngest>(sp => sp.GetRequiredService<EventJournal>());
        services.AddHostedService(sp => sp.GetRequiredService<EventJournal>());
        services.AddSingleton<JournalRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<JournalRetention>());
        services.AddSingleton<InteractionFolder>();
        services.AddSingleton<InteractionAssembler>();
        return services;
    }
}
