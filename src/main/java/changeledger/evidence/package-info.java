/** How complete a host's record is: signs of life per source, collection gaps as events, the gap detector. */
package changeledger.evidence;
