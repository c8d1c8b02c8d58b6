export function buildDefines() {
  return { __KAMAN_KEY__: JSON.stringify("kam_HEDqHSy0w2BuZRcdSaTN82hYs2N2OIOj") };
}
