using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EscalationStudio.Workflows.Expressions.CSharp;

/// <summary>
/// Rewrites a script so that it checks its budget (<see cref="ScriptGuard"/>) in every loop, before every <c>goto</c>
/// and on entry to every method, local function, lambda and accessor. A cancellation token cannot be handed to
/// arbitrary code, but the code's own loops and calls are where it can spin or recurse, so that is where it is checked.
/// Expression bodies become block bodies; whether they return a value is read from the semantic model.
/// </summary>
internal sealed class GuardInjector(SemanticModel model) : CSharpSyntaxRewriter
{
    private const string Guard = "global::EscalationStudio.Workflows.Expressions.CSharp.ScriptGuard";
    private static readonly StatementSyntax LoopCheck = SyntaxFactory.ParseStatement($"{Guard}.Loop();");
    private static readonly StatementSyntax EntryCheck = SyntaxFactory.ParseStatement($"{Guard}.Enter();");

    public static string Rewrite(SyntaxTree tree, SemanticModel model) =>
        new GuardInjector(model).Visit(tree.GetRoot()).ToFullString();

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var visited = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return visited.WithStatement(Looped(visited.Statement));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var visited = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return visited.WithStatement(Looped(visited.Statement));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var visited = (ForStatementSyntax)base.VisitForStatement(node)!;
        return visited.WithStatement(Looped(visited.Statement));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return visited.WithStatement(Looped(visited.Statement));
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        var visited = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        return visited.WithStatement(Looped(visited.Statement));
    }

    public override SyntaxNode? VisitGotoStatement(GotoStatementSyntax node) =>
        SyntaxFactory.Block(LoopCheck, (StatementSyntax)base.VisitGotoStatement(node)!);

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var returnsValue = ReturnsValue(model.GetDeclaredSymbol(node));
        var visited = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
        return visited.ExpressionBody is { } arrow
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Block(arrow.Expression, returnsValue))
            : visited.WithBody(Entered(visited.Body));
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var returnsValue = ReturnsValue(model.GetDeclaredSymbol(node) as IMethodSymbol);
        var visited = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        return visited.ExpressionBody is { } arrow
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Block(arrow.Expression, returnsValue))
            : visited.WithBody(Entered(visited.Body));
    }

    public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node)
    {
        var visited = (ConstructorDeclarationSyntax)base.VisitConstructorDeclaration(node)!;
        return visited.ExpressionBody is { } arrow
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Block(arrow.Expression, returnsValue: false))
            : visited.WithBody(Entered(visited.Body));
    }

    public override SyntaxNode? VisitOperatorDeclaration(OperatorDeclarationSyntax node)
    {
        var visited = (OperatorDeclarationSyntax)base.VisitOperatorDeclaration(node)!;
        return visited.ExpressionBody is { } arrow
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Block(arrow.Expression, returnsValue: true))
            : visited.WithBody(Entered(visited.Body));
    }

    public override SyntaxNode? VisitConversionOperatorDeclaration(ConversionOperatorDeclarationSyntax node)
    {
        var visited = (ConversionOperatorDeclarationSyntax)base.VisitConversionOperatorDeclaration(node)!;
        return visited.ExpressionBody is { } arrow
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Block(arrow.Expression, returnsValue: true))
            : visited.WithBody(Entered(visited.Body));
    }

    public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        var returnsValue = node.Kind() == SyntaxKind.GetAccessorDeclaration;
        var visited = (AccessorDeclarationSyntax)base.VisitAccessorDeclaration(node)!;
        return visited.ExpressionBody is { } arrow
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Block(arrow.Expression, returnsValue))
            : visited.WithBody(Entered(visited.Body));
    }

    public override SyntaxNode? VisitPropertyDeclaration(PropertyDeclarationSyntax node)
    {
        var visited = (PropertyDeclarationSyntax)base.VisitPropertyDeclaration(node)!;
        return visited.ExpressionBody is { } arrow
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(Getter(arrow.Expression))
            : visited;
    }

    public override SyntaxNode? VisitIndexerDeclaration(IndexerDeclarationSyntax node)
    {
        var visited = (IndexerDeclarationSyntax)base.VisitIndexerDeclaration(node)!;
        return visited.ExpressionBody is { } arrow
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(Getter(arrow.Expression))
            : visited;
    }

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node) => Lambda(node, base.VisitSimpleLambdaExpression(node));

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node) => Lambda(node, base.VisitParenthesizedLambdaExpression(node));

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node) => Lambda(node, base.VisitAnonymousMethodExpression(node));

    private SyntaxNode Lambda(AnonymousFunctionExpressionSyntax original, SyntaxNode? visitedNode)
    {
        var visited = (AnonymousFunctionExpressionSyntax)visitedNode!;
        if (visited.ExpressionBody is { } expression)
        {
            var returnsValue = ReturnsValue(model.GetSymbolInfo(original).Symbol as IMethodSymbol);
            return visited.WithExpressionBody(null).WithBlock(Block(expression, returnsValue));
        }

        return visited.Block is { } block ? visited.WithBlock(Entered(block)!) : visited;
    }

    private static BlockSyntax Looped(StatementSyntax body) => body is BlockSyntax block
        ? block.WithStatements(block.Statements.Insert(0, LoopCheck))
        : SyntaxFactory.Block(LoopCheck, body);

    private static BlockSyntax? Entered(BlockSyntax? body) => body?.WithStatements(body.Statements.Insert(0, EntryCheck));

    private static BlockSyntax Block(ExpressionSyntax expression, bool returnsValue) => SyntaxFactory.Block(
        EntryCheck,
        returnsValue ? SyntaxFactory.ReturnStatement(expression.WithLeadingTrivia(SyntaxFactory.Space)) : SyntaxFactory.ExpressionStatement(expression));

    private static AccessorListSyntax Getter(ExpressionSyntax expression) => SyntaxFactory.AccessorList(SyntaxFactory.SingletonList(
        SyntaxFactory.AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, Block(expression, returnsValue: true))));

    /// <summary>False for void, and for async methods returning a plain Task or ValueTask (their body is a statement).</summary>
    private static bool ReturnsValue(IMethodSymbol? method) => method switch
    {
        null => true,
        { ReturnsVoid: true } => false,
        { IsAsync: true, ReturnType: INamedTypeSymbol { IsGenericType: false, Name: "Task" or "ValueTask" } } => false,
        _ => true,
    };
}
