/**
 * State that belongs to one Payload instance (several may run in one process: tests, a host with two configs),
 * created on first use and gone with the instance. Never state that must hold across instances: that lives in
 * the database.
 */
export const perInstance = <T>(create: () => T): ((instance: object) => T) => {
  const states = new WeakMap<object, T>()
  return (instance) => {
    let state = states.get(instance)
    if (state === undefined) {
      state = create()
      states.set(instance, state)
    }
    return state
  }
}
