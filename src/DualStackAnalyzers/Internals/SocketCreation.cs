using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    /// <summary>Finds the <c>new Socket(...)</c> a receiver was created by, and reads its family and type.</summary>
    internal static class SocketCreation
    {
        /// <summary>
        /// The creation of the socket <paramref name="receiver"/> names: the single value of a local, or an assignment
        /// of the field in the same body, or the field's initializer in the same tree. Null when it cannot be seen.
        /// </summary>
        public static IObjectCreationOperation? Find(IOperation? receiver, NetSymbols symbols, CancellationToken cancellationToken = default)
            => FindCreation(receiver, symbols.Socket, cancellationToken);

        /// <summary>As <see cref="Find"/>, for a creation of any type (a UdpClient, a TcpListener).</summary>
        public static IObjectCreationOperation? FindCreation(IOperation? receiver, INamedTypeSymbol? type, CancellationToken cancellationToken = default)
        {
            receiver = OperationHelpers.SkipConversions(receiver);
            switch (receiver)
            {
                case ILocalReferenceOperation local:
                    var writes = OperationHelpers.LocalWrites(local);
                    return !writes.IsDefault && writes.Length == 1 ? AsCreation(writes[0], type) : null;
                case IFieldReferenceOperation field:
                    IObjectCreationOperation? found = null;
                    foreach (var node in OperationHelpers.Root(receiver).Descendants())
                    {
                        if (node is ISimpleAssignmentOperation { Target: IFieldReferenceOperation target } assignment
                            && SymbolEqualityComparer.Default.Equals(target.Field, field.Field))
                        {
                            if (found is not null)
                            {
                                return null;
                            }

                            found = AsCreation(assignment.Value, type);
                        }
                    }

                    if (found is not null)
                    {
                        return found;
                    }

                    var model = receiver.SemanticModel;
                    foreach (var reference in field.Field.DeclaringSyntaxReferences)
                    {
                        if (model is not null && reference.SyntaxTree == model.SyntaxTree
                            && reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value })
                        {
                            return AsCreation(model.GetOperation(value), type);
                        }
                    }

                    return model is null ? null : FindFieldAssignmentInType(field.Field, model, type, cancellationToken);
                default:
                    return null;
            }
        }

        /// <summary>The one assignment of the field anywhere in its type (e.g. the constructor creates, Start() binds), in this tree.</summary>
        private static IObjectCreationOperation? FindFieldAssignmentInType(IFieldSymbol field, SemanticModel model, INamedTypeSymbol? type, CancellationToken cancellationToken)
        {
            AssignmentExpressionSyntax? found = null;
            foreach (var reference in field.ContainingType.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree != model.SyntaxTree)
                {
                    continue;
                }

                foreach (var assignment in Walks.Nodes(reference.GetSyntax(cancellationToken), cancellationToken).OfType<AssignmentExpressionSyntax>())
                {
                    var name = assignment.Left switch
                    {
                        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access => access.Name.Identifier.ValueText,
                        _ => null,
                    };
                    if (name != field.Name || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
                    {
                        continue;
                    }

                    if (found is not null)
                    {
                        return null;
                    }

                    found = assignment;
                }
            }

            return found is not null && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(found.Left).Symbol, field)
                ? AsCreation(model.GetOperation(found.Right), type)
                : null;
        }

        private static IObjectCreationOperation? AsCreation(IOperation? value, INamedTypeSymbol? type)
            => OperationHelpers.SkipConversions(value) is IObjectCreationOperation creation && NetSymbols.Is(creation.Type, type) ? creation : null;

        /// <summary>Raw and ICMP sockets speak one family's protocol: no family rule applies to them.</summary>
        public static bool IsRawOrIcmp(IObjectCreationOperation creation)
        {
            foreach (var argument in creation.Arguments)
            {
                var name = argument.Parameter?.Type.Name;
                if ((name == "SocketType" || name == "ProtocolType") && OperationHelpers.SkipConversions(argument.Value) is IFieldReferenceOperation { Field.Name: var value })
                {
                    if (value is "Raw" or "Icmp" or "IcmpV6" or "Igmp")
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The family argument of the creation, when it has one.</summary>
        public static IArgumentOperation? FamilyArgument(IObjectCreationOperation creation)
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Type.Name == "AddressFamily")
                {
                    return argument;
                }
            }

            return null;
        }
    }
}
