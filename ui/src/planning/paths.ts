// Where Planning's records open, for links from anywhere (a notification,
// the palette) without loading the Planning page's code.

/** A task's panel over the Planning page. */
export const taskPath = (id: string) => `/planning/tasks/${id}`;
