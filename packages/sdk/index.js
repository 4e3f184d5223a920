// Identity helpers: they exist so that plugin authors get types for free (see types.d.ts).
/** @template T @param {T} agent @returns {T} */
export const defineAgent = (agent) => agent;
/** @template T @param {T} manifest @returns {T} */
export const definePack = (manifest) => manifest;
/** @template T @param {T} validator @returns {T} */
export const defineValidator = (validator) => validator;
