export type OrderStatus = 'received' | 'picking' | 'packed' | 'shipped' | 'delivered';

export interface Customer {
  id: string;
  name: string;
  email: string;
  phone: string;
}

export interface Order {
  id: string;
  reference: string;
  items: Array<{ sku: string; quantity: number }>;
  totalCents: number;
  status: OrderStatus;
  customer: Customer;
  createdAt: string;
}

const orders = new Map<string, Order>();

export async function createOrder(input: Omit<Order, 'id' | 'reference' | 'status' | 'createdAt'>): Promise<Order> {
  const id = crypto.randomUUID();
  const order: Order = {
    ...input,
    id,
    reference: `SY-${String(orders.size + 1).padStart(5, '0')}`,
    status: 'received',
    createdAt: new Date().toISOString(),
  };
  orders.set(id, order);
  return order;
}

export async function findOrder(id: string): Promise<Order | undefined> {
  return orders.get(id);
}

export async function updateOrderStatus(id: string, status: OrderStatus): Promise<Order | undefined> {
  const order = orders.get(id);
  if (!order) return undefined;
  order.status = status;
  return order;
}

export async function canViewOrder(staffId: string, orderId: string): Promise<boolean> {
  // Warehouse staff may follow every order; the check exists so customers can be added later.
  return staffId.length > 0 && orders.has(orderId);
}
