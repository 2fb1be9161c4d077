/** The answer of `checkReachable`: a free call (`probe`) that answers says yes, with what it learned. */
export async function probeReachability(
  probe: () => Promise<string | undefined>
): Promise<{ reachable: boolean; detail?: string }> {
  try {
    const detail = await probe();
    return detail === undefined ? { reachable: true } : { reachable: true, detail };
  } catch (error) {
    return { reachable: false, detail: error instanceof Error ? error.message : String(error) };
  }
}
