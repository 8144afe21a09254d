/** changeledger: an event-sourced audit and change log for Proxmox VE hosts. */
package changeledger;
