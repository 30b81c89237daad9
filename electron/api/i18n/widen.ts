/** The shape of a message object with every text widened to `string`: what a translation must match. */
export type Widen<T> = T extends string ? string : { [K in keyof T]: Widen<T[K]> };
