/** The payloads the storefront and the courier app listen for. */
export function toOrderEvent(order) {
  return {
    id: order.id,
    status: order.status,
    totalCents: order.total_cents,
    // ok: public-channel-sensitive-data
    firstName: order.first_name,
    // ruleid: public-channel-sensitive-data @sensitiveField
    contactPhone: order.phone,
  };
}

export function toCustomerEvent(order) {
  return { orderId: order.id, status: order.status };
}
