using Fluid.Ast;

namespace Switchboard.Mapping.Validation;

/// <summary>Collects the filter names a parsed template uses, in the order they appear.</summary>
internal sealed class FilterNameCollector : AstVisitor
{
    public List<string> Names { get; } = [];

    protected override Expression VisitFilterExpression(FilterExpression filterExpression)
    {
        // The input comes first in the source: "a | first | second" nests second(first(a)).
        var result = base.VisitFilterExpression(filterExpression);
        Names.Add(filterExpression.Name);
        return result;
    }
}
