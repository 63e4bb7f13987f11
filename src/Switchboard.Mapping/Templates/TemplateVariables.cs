using Fluid;
using Fluid.Ast;

namespace Switchboard.Mapping.Templates;

/// <summary>
/// The variables a parsed template reads (the first segment of each member expression: <c>customer</c> in
/// <c>{{ customer.address.city }}</c>), so rendering converts only those of the values it is given.
/// </summary>
internal sealed class TemplateVariables : AstVisitor
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    /// <summary>The names read, or null when the template cannot be walked (then every value is given to it).</summary>
    public static IReadOnlySet<string>? Of(IFluidTemplate template)
    {
        var visitor = new TemplateVariables();
        try
        {
            visitor.VisitTemplate(template);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidCastException or NullReferenceException or InvalidOperationException)
        {
            return null;
        }

        return visitor._names;
    }

    protected override Expression VisitMemberExpression(MemberExpression memberExpression)
    {
        if (memberExpression.Segments.Count > 0 && memberExpression.Segments[0] is IdentifierSegment first)
        {
            _names.Add(first.Identifier);
        }

        return base.VisitMemberExpression(memberExpression);
    }
}
