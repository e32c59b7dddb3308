/*
 * kernel/list.h - intrusive doubly linked lists.
 *
 * A struct list_node is embedded in the object it links; container_of()
 * gets the object back. An empty list is a head that points at itself.
 * Nothing here allocates, so list operations never fail.
 */
#ifndef ATLAS_LIST_H
#define ATLAS_LIST_H

#include "kernel/types.h"

struct list_node {
	struct list_node *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }

/* list_init() makes @head an empty list. */
static inline void list_init(struct list_node *head)
{
	head->next = head;
	head->prev = head;
}

/* list_empty() is true when @head links nothing. */
static inline bool list_empty(const struct list_node *head)
{
	return head->next == head;
}

/* list_insert_after() links @node right after @pos. */
static inline void list_insert_after(struct list_node *pos, struct list_node *node)
{
	node->prev = pos;
	node->next = pos->next;
	pos->next->prev = node;
	pos->next = node;
}

/* list_push() adds @node at the front of the list @head. */
static inline void list_push(struct list_node *head, struct list_node *node)
{
	list_insert_after(head, node);
}

/* list_append() adds @node at the back of the list @head. */
static inline void list_append(struct list_node *head, struct list_node *node)
{
	list_insert_after(head->prev, node);
}

/* list_remove() unlinks @node and leaves it pointing at itself. */
static inline void list_remove(struct list_node *node)
{
	node->prev->next = node->next;
	node->next->prev = node->prev;
	node->next = node;
	node->prev = node;
}

#define list_entry(node, type, member) container_of(node, type, member)

#define list_for_each(pos, head) \
	for ((pos) = (head)->next; (pos) != (head); (pos) = (pos)->next)

#define list_for_each_safe(pos, tmp, head) \
	for ((pos) = (head)->next, (tmp) = (pos)->next; (pos) != (head); \
	     (pos) = (tmp), (tmp) = (pos)->next)

#endif
