using SecureCall.ModelConverter.Tfjs;

namespace SecureCall.ModelConverter.Conversion;

/// <summary>
/// Orders the non-constant nodes so every node follows its inputs. TF.js graphs are not stored in
/// topological order; ties keep the file order so the output is deterministic.
/// </summary>
public static class TopologicalSorter
{
    public static IReadOnlyList<TfjsNode> Sort(IReadOnlyList<TfjsNode> nodes)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            if (!index.TryAdd(nodes[i].Name, i))
            {
                throw new InvalidDataException($"Duplicate node name '{nodes[i].Name}'.");
            }
        }

        var pending = new int[nodes.Count];
        var consumers = new List<int>[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            consumers[i] = [];
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var input in nodes[i].Inputs.Distinct(StringComparer.Ordinal))
            {
                if (!index.TryGetValue(input, out var producer))
                {
                    throw new InvalidDataException($"Node '{nodes[i].Name}' reads unknown node '{input}'.");
                }

                pending[i]++;
                consumers[producer].Add(i);
            }
        }

        var ready = new SortedSet<int>(Enumerable.Range(0, nodes.Count).Where(i => pending[i] == 0));
        var order = new List<TfjsNode>(nodes.Count);
        while (ready.Count > 0)
        {
            var next = ready.Min;
            ready.Remove(next);
            order.Add(nodes[next]);
            foreach (var consumer in consumers[next])
            {
                if (--pending[consumer] == 0)
                {
                    ready.Add(consumer);
                }
            }
        }

        if (order.Count != nodes.Count)
        {
            throw new InvalidDataException("The graph has a cycle.");
        }

        return order;
    }
}
