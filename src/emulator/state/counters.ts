/** Requests by route and answer, faults injected by kind: what a test asserts about traffic. */
export class Counters {
  private readonly requests = new Map<string, Map<string, number>>()
  private readonly faults = new Map<string, number>()

  countRequest(route: string, answer: number | 'dropped' | 'abandoned'): void {
    let byAnswer = this.requests.get(route)
    if (!byAnswer) {
      byAnswer = new Map()
      this.requests.set(route, byAnswer)
    }
    const key = String(answer)
    byAnswer.set(key, (byAnswer.get(key) ?? 0) + 1)
  }

  countFault(kind: string): void {
    this.faults.set(kind, (this.faults.get(kind) ?? 0) + 1)
  }

  requestsByRoute(): Record<string, Record<string, number>> {
    return Object.fromEntries([...this.requests].map(([route, answers]) => [route, Object.fromEntries(answers)]))
  }

  faultsByKind(): Record<string, number> {
    return Object.fromEntries(this.faults)
  }
}
