/** Import cycles of a graph: one cycle for each group of files that import each other, as a path. */
import type { ImportGraph } from './import-graph'

/** Groups of nodes that reach each other (Tarjan's strongly connected components), each of two or more nodes or
 * a node that imports itself. */
function tangledGroups(graph: ImportGraph): string[][] {
  const index = new Map<string, number>()
  const lowest = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const groups: string[][] = []
  const visit = (node: string): void => {
    index.set(node, index.size)
    lowest.set(node, index.get(node)!)
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next)
        lowest.set(node, Math.min(lowest.get(node)!, lowest.get(next)!))
      } else if (onStack.has(next)) lowest.set(node, Math.min(lowest.get(node)!, index.get(next)!))
    }
    if (lowest.get(node) !== index.get(node)) return
    const group: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      group.push(member)
    } while (member !== node)
    if (group.length > 1 || (graph.get(node) ?? []).includes(node)) groups.push(group.sort())
  }
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node)
  return groups
}

/** The shortest way from `start` back to itself inside `group` (breadth first), as the list of nodes walked. */
function cycleThrough(graph: ImportGraph, group: readonly string[], start: string): string[] {
  const members = new Set(group)
  const cameFrom = new Map<string, string>()
  const queue = [start]
  while (queue.length) {
    const node = queue.shift()!
    for (const next of graph.get(node) ?? []) {
      if (!members.has(next)) continue
      if (next === start) {
        const walk: string[] = []
        for (let step = node; step !== start; step = cameFrom.get(step)!) walk.unshift(step)
        return [start, ...walk, start]
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, node)
        queue.push(next)
      }
    }
  }
  throw new Error(`${start} is in a group that does not lead back to it`)
}

/** One cycle per tangled group, each starting and ending at the group's first node in sort order. */
export function findCycles(graph: ImportGraph): string[][] {
  return tangledGroups(graph).map((group) => cycleThrough(graph, group, group[0]))
}
