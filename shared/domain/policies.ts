// The promises the shop's pages make to a buyer, as numbers the code keeps too. Pure.

/** A specimen may be sent back for a full refund within this many days of delivery. */
export const RETURN_WINDOW_DAYS = 30;

/**
 * The authenticity guarantee: a specimen shown by an independent laboratory to be other than described
 * (species, locality, or an undisclosed treatment or repair) is refunded in full, return shipping
 * included, for this long after delivery.
 */
export const AUTHENTICITY_GUARANTEE_YEARS = 5;
